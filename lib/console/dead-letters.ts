import "server-only";
import type { Actor } from "../audit";
import { AppError } from "../errors";
import type { Locale } from "../i18n/locales";
import { message } from "../i18n/message";
import { translate } from "../i18n/translate";
import { MessageProperty, type RocketmqClient } from "../rocketmq";
import { auditConsole } from "./audit";
import { writeOnLeader } from "./leaders";
import { findMessage, queryTopic } from "./messages";
import { reindexGroup } from "./reindex";
import type { MessagePage, MessageQuery, ResendInput, ResendResult } from "./schema";
import { type ClusterTargets, resolveTargets } from "./targets";
import { readRoute } from "./topics";

/**
 * A consumer group's dead letters: the messages that failed their retries (or that its listener sent there at once),
 * kept in `%DLQ%<group>`, which no consumer reads. Resending one copies it into `%RETRY%<group>`, the topic every
 * push consumer of the group also reads, with RETRY_TOPIC naming the topic it came from: the client restores that
 * topic before its listener sees the message, so the group alone gets it again, as a message of the original topic.
 */

const dlqTopic = (group: string) => `%DLQ%${group}`;
const retryTopic = (group: string) => `%RETRY%${group}`;

/** Properties the broker or a consumer set on the stored copy, not the producer: the resent copy starts without them. */
const NOT_RESENT: string[] = [MessageProperty.DELAY, MessageProperty.REAL_TOPIC, MessageProperty.REAL_QID, MessageProperty.WAIT, "CLUSTER"];

/** Nothing has failed yet when the group has no dead-letter topic: an empty page, not a 404. */
async function deadLetterRoute(rocketmq: RocketmqClient, targets: ClusterTargets, group: string) {
  return readRoute(rocketmq, targets, dlqTopic(group)).catch((error) => {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  });
}

export async function listDeadLetters(
  rocketmq: RocketmqClient,
  clusterId: string,
  group: string,
  query: MessageQuery,
): Promise<MessagePage> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const route = await deadLetterRoute(rocketmq, targets, group);
  if (!route) return { items: [], nextCursor: null };
  return queryTopic(rocketmq, targets, route, dlqTopic(group), query);
}

export async function resendDeadLetters(
  rocketmq: RocketmqClient,
  actor: Actor,
  clusterId: string,
  group: string,
  input: ResendInput,
  locale: Locale,
): Promise<ResendResult> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const route = await deadLetterRoute(rocketmq, targets, group);
  const results: ResendResult["results"] = [];
  const audited: unknown[] = [];
  for (const messageId of [...new Set(input.messageIds)]) {
    const found = route ? await findMessage(rocketmq, targets, route, dlqTopic(group), messageId) : null;
    const original = found?.message.properties[MessageProperty.RETRY_TOPIC];
    if (!found || !original) {
      const said = message("errors.console.messages.notInDlq", { id: messageId, group });
      results.push({ messageId, ok: false, error: translate(said, locale), resentAs: null });
      continue;
    }
    const dead = found.message;
    if (!dead.bodyDecoded) {
      const said = message("errors.console.messages.undecodedBody", { id: messageId, compression: dead.compression ?? "" });
      results.push({ messageId, ok: false, error: translate(said, locale), resentAs: null });
      continue;
    }
    const properties = Object.fromEntries(Object.entries(dead.properties).filter(([name]) => !NOT_RESENT.includes(name)));
    try {
      // Back on the broker group that holds the dead letter: its retry queue is where the group reads it.
      const { value: sent, leaderAddress } = await writeOnLeader(rocketmq, targets, found.brokerName, (leader) =>
        rocketmq.sendMessage(leader, {
          topic: retryTopic(group),
          queueId: 0,
          body: dead.body,
          properties: {
            ...properties,
            [MessageProperty.RETRY_TOPIC]: original,
            [MessageProperty.ORIGIN_MESSAGE_ID]: dead.properties[MessageProperty.ORIGIN_MESSAGE_ID] ?? dead.msgId,
          },
        }),
      );
      results.push({ messageId, ok: true, error: null, resentAs: sent.offsetMsgId });
      audited.push({ messageId, topic: original, brokerName: found.brokerName, leaderAddress, resentAs: sent.offsetMsgId });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ messageId, ok: false, error: error.in(locale).error, resentAs: null });
    }
  }
  if (audited.length > 0) {
    await auditConsole(actor, clusterId, {
      action: "group.resend_dead_letters",
      targetType: "consumerGroup",
      targetName: group,
      after: { resent: audited, failed: results.filter((r) => !r.ok).map((r) => r.messageId) },
    });
    await reindexGroup(targets, rocketmq, group);
  }
  return { results };
}
