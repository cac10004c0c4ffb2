/**
 * Messages and offsets against the real-JVM lab (part of dledger-group-suite.ts, on its lab): one run of the real
 * Java producer feeds pull, query by key and unique id, view by offset id and search by time; a message the panel
 * sends is read by a real Java push consumer, which then re-reads after an offset reset and receives a resent
 * dead-letter message; a committed offset is where the next consumer starts.
 */
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { expectedBody, type ProducedMessage, produceMessages, startGroupConsumer } from "@/lib/testing/java-client";
import { isNotLeaderError } from "../leader";
import type { StoredMessage } from "../message-format";
import { classifyMessageId, parseUniqueMessageId, uniqueIdTimestamp } from "../message-id";
import type { GroupSuiteContext } from "./dledger-group-suite";
import { eventually } from "./lab-group";

const TOPIC = "PanelMessages";
const GROUP = "PanelMessagesApp";
const QUEUES = [0, 1, 2, 3];
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** `pushConsumer`: run the push-consumer story here (where the console suite runs, its own push consumer covers it). */
export function describeMessages({ version, rocketmq, lab, group }: GroupSuiteContext, pushConsumer: boolean) {
  const is5 = version.startsWith("5.");
  const leaderAndFollower = async () => {
    const { leaderId } = await eventually("agreement on a leader", 30_000, () => group().agreedLeader());
    const followerId = group()
      .allIds()
      .find((id) => id !== leaderId) as string;
    return { leader: group().nodeOf(leaderId).brokerAddress, follower: group().nodeOf(followerId).brokerAddress };
  };
  // Filled by the first test, read by the next ones (vitest runs a file's tests in order).
  let produced: ProducedMessage[] = [];
  const stored: StoredMessage[] = [];

  it("pulls, queries, views and finds by time every message a real Java producer sent, bodies byte for byte", async () => {
    const { leader } = await leaderAndFollower();
    await rocketmq.createOrUpdateTopic(leader, { topic: TOPIC, readQueueNums: 4, writeQueueNums: 4 });
    await rocketmq.createOrUpdateSubscriptionGroup(leader, { groupName: GROUP });
    await eventually("the topic's route", 30_000, () => rocketmq.getTopicRoute(lab().namesrv.address, TOPIC));
    expect(await rocketmq.getTopicPutStats(leader, TOPIC)).toBeNull();

    const startedAt = Date.now();
    const run = await produceMessages({
      namesrv: lab().namesrv.address,
      topic: TOPIC,
      count: 8,
      keyPrefix: "msg-",
      tags: "panel",
      bodies: ["text", "json", "binary", "large"],
      version,
    });
    produced = run.messages;
    expect(produced).toHaveLength(8);

    // Pull: each queue from 0, then at its end, then past it.
    for (const queueId of QUEUES) {
      const inQueue = produced.filter((m) => m.queueId === queueId);
      const pulled = await rocketmq.pullMessages(leader, { topic: TOPIC, queueId, offset: 0, maxMessages: 32 });
      expect(pulled).toMatchObject({ status: "FOUND", minOffset: 0, maxOffset: inQueue.length, nextBeginOffset: inQueue.length });
      expect(pulled.messages.map((m) => m.queueOffset)).toEqual(inQueue.map((m) => m.queueOffset));
      stored.push(...pulled.messages);
      const atEnd = await rocketmq.pullMessages(leader, { topic: TOPIC, queueId, offset: inQueue.length, maxMessages: 32 });
      expect(atEnd).toMatchObject({ status: "NO_NEW_MSG", messages: [], nextBeginOffset: inQueue.length });
      const past = await rocketmq.pullMessages(leader, { topic: TOPIC, queueId, offset: inQueue.length + 100, maxMessages: 32 });
      // The broker's correction: 4.9.3 answers the min offset, 4.9.7 and 5.5.0 the max offset.
      const corrected = version === "4.9.3" ? 0 : inQueue.length;
      expect(past).toMatchObject({ status: "OFFSET_MOVED", messages: [], nextBeginOffset: corrected });
      expect(await rocketmq.getMinOffset(leader, { topic: TOPIC, queueId })).toBe(0);
      expect(await rocketmq.getMaxOffset(leader, { topic: TOPIC, queueId })).toBe(inQueue.length);
    }
    expect(stored).toHaveLength(8);
    for (const [seq, sent] of produced.entries()) {
      const message = stored.find((m) => m.keys.includes(sent.key));
      expect(message, sent.key).toMatchObject({
        topic: TOPIC,
        queueId: sent.queueId,
        queueOffset: sent.queueOffset,
        uniqueKey: sent.msgId,
        msgId: sent.msgId,
        offsetMsgId: sent.offsetMsgId,
        tags: "panel",
        keys: [sent.key],
        reconsumeTimes: 0,
        bodyCrcMatches: true,
        bodyDecoded: true,
        compression: sent.bodyKind === "large" ? "zlib" : null,
        magic: "v1",
        storeHost: leader,
      });
      if (!message) continue;
      expect(sha256(message.body)).toBe(sent.bodySha256);
      expect(message.body.equals(expectedBody(sent.bodyKind, seq))).toBe(true);
      if (sent.bodyBase64) expect(message.body.toString("base64")).toBe(sent.bodyBase64);
      expect(message.storeTimestamp).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(message.storeTimestamp).toBeLessThanOrEqual(sent.sentAt);
      expect(message.bornTimestamp).toBeLessThanOrEqual(message.storeTimestamp);
      expect(message.bornHost).toMatch(/^127\.0\.0\.1:\d+$/);
    }
    const large = stored.find((m) => m.compression === "zlib") as StoredMessage;
    expect(large.storeSize).toBeLessThan(large.body.length);

    // The offset id names the store host and commit-log offset; the unique id the producer and its time.
    const sample = produced[3];
    const readings = classifyMessageId(sample.offsetMsgId);
    expect(readings.offset).toEqual({ storeHost: leader, commitLogOffset: large.commitLogOffset });
    const viewed = await rocketmq.viewMessage(leader, large.commitLogOffset);
    expect(viewed && sha256(viewed.body)).toBe(sample.bodySha256);
    expect(await rocketmq.viewMessage(leader, large.commitLogOffset + 1)).toBeNull();
    const unique = parseUniqueMessageId(sample.msgId);
    expect(unique).not.toBeNull();
    if (unique) expect(Math.abs(uniqueIdTimestamp(unique, sample.sentAt) - large.bornTimestamp)).toBeLessThan(2000);

    // Query: the broker's index is written just after the message; poll until it has caught up.
    const byKey = await eventually("the key in the index", 20_000, async () => {
      const found = await rocketmq.queryMessagesByKey(leader, { topic: TOPIC, key: sample.key });
      return found.length > 0 ? found : undefined;
    });
    expect(byKey.map((m) => m.offsetMsgId)).toEqual([sample.offsetMsgId]);
    expect(await rocketmq.queryMessagesByKey(leader, { topic: TOPIC, key: "msg-none" })).toEqual([]);
    const byId = await rocketmq.queryMessagesByUniqueKey(leader, { topic: TOPIC, uniqueKey: sample.msgId });
    expect(byId.map((m) => m.offsetMsgId)).toEqual([sample.offsetMsgId]);
    // A window that ends before the message was stored finds nothing.
    expect(await rocketmq.queryMessagesByKey(leader, { topic: TOPIC, key: sample.key, endTimestamp: startedAt - 60_000 })).toEqual([]);

    const searchedPastEnd = new Set<number>();
    // Search by time: a message's store time lands on its offset (or an earlier one stored in the same ms).
    for (const message of stored) {
      const offset = await rocketmq.searchOffset(leader, { topic: TOPIC, queueId: message.queueId, timestamp: message.storeTimestamp });
      const sameMs = stored.filter((m) => m.queueId === message.queueId && m.storeTimestamp === message.storeTimestamp);
      expect(offset).toBe(Math.min(...sameMs.map((m) => m.queueOffset)));
      const after = await rocketmq.searchOffset(leader, { topic: TOPIC, queueId: message.queueId, timestamp: Date.now() + 3_600_000 });
      // After every message: 4.9.x answers the newest message's offset, not the max offset.
      const max = produced.filter((m) => m.queueId === message.queueId).length;
      searchedPastEnd.add(after - max);
    }
    console.info(`[${version}] search past the newest message: max offset ${[...searchedPastEnd].join(", ")}`);
    const stats = await rocketmq.getTopicPutStats(leader, TOPIC);
    expect(stats?.statsMinute.tps).toBeGreaterThanOrEqual(0);
  }, 120_000);

  const body = Buffer.from("sent by the panel ✓", "utf8");
  let sent: Awaited<ReturnType<typeof rocketmq.sendMessage>>;
  it("sends a message on the leader, which stores it where it says; a follower refuses it", async () => {
    const { leader, follower } = await leaderAndFollower();
    sent = await rocketmq.sendMessage(leader, { topic: TOPIC, queueId: 0, body, tags: "panel", keys: ["panel-1"] });
    expect(sent).toMatchObject({ status: "SEND_OK", queueId: 0, queueOffset: produced.filter((m) => m.queueId === 0).length });
    expect(sent.msgId).toMatch(/^[0-9A-F]{32}$/);
    const landed = await rocketmq.viewMessage(leader, classifyMessageId(sent.offsetMsgId).offset?.commitLogOffset ?? -1);
    expect(landed).toMatchObject({ uniqueKey: sent.msgId, keys: ["panel-1"], tags: "panel", topic: TOPIC, queueId: 0 });
    const refused = await rocketmq.sendMessage(follower, { topic: TOPIC, queueId: 0, body }).catch((e: unknown) => e);
    expect(isNotLeaderError(refused)).toBe(true);
  });

  // The console suite runs the same story through the panel's routes (console-suite.ts: an online reset, a dead
  // letter resent); where it runs on this version, a second push consumer here would only cost half a minute.
  if (pushConsumer)
    it("a real Java push consumer reads it; an offset reset makes it re-read; a dead letter resent arrives again", async () => {
      const { leader } = await leaderAndFollower();
      const dlqKey = produced[1].key;
      const consumer = await startGroupConsumer({
        namesrv: lab().namesrv.address,
        topic: TOPIC,
        group: GROUP,
        mode: "push",
        dlqKeys: dlqKey,
        version,
      });
      try {
        // Usually within a second; 5.5.0's consumer sometimes waits ~30 s before its first pull returns messages.
        const readyAt = Date.now();
        const first = await consumer.waitFor((m) => m.topic === TOPIC, { count: 9, timeoutMs: 60_000 });
        console.info(
          `[${version}] the push consumer had every message ${Math.max(...first.map((m) => m.receivedAt)) - readyAt} ms after it was ready`,
        );
        expect(first.find((m) => m.key === "panel-1")).toMatchObject({ msgId: sent.msgId, bodySha256: sha256(body), tags: "panel" });
        expect(first.find((m) => m.key === dlqKey)?.dlq).toBe(true);

        // Which client holds which queue.
        const clientId = consumer.summary.clientId;
        const running = await rocketmq.getConsumerRunningInfo(leader, { consumerGroup: GROUP, clientId });
        expect(running?.queues.filter((q) => q.topic === TOPIC).map((q) => q.queueId)).toEqual(QUEUES);
        expect(await rocketmq.getConsumerRunningInfo(leader, { consumerGroup: GROUP, clientId: "127.0.0.1@nobody" })).toBeNull();

        // Everything consumed and committed; then back to the store time of a message in the middle.
        await eventually("the group to commit everything", 20_000, async () => {
          const stats = await rocketmq.getConsumeStats(leader, GROUP, { topic: TOPIC });
          return stats.queues.length === 4 && stats.queues.every((q) => q.lag === 0) ? stats : undefined;
        });
        const byTime = [...stored].sort((a, b) => a.storeTimestamp - b.storeTimestamp);
        const resetTo = byTime[4].storeTimestamp;
        const expected = await Promise.all(
          QUEUES.map((queueId) => rocketmq.searchOffset(leader, { topic: TOPIC, queueId, timestamp: resetTo })),
        );
        const mark = consumer.received.length;
        const resetAt = Date.now();
        const reset = await rocketmq.resetOffset(leader, { topic: TOPIC, group: GROUP, timestamp: resetTo });
        expect(reset).toEqual({
          status: "reset",
          queues: QUEUES.map((queueId) => ({ topic: TOPIC, brokerName: lab().group, queueId, offset: expected[queueId] })),
        });
        const again = stored.filter((m) => m.queueOffset >= expected[m.queueId]).map((m) => m.keys[0]);
        // And the panel's message, the newest in queue 0.
        again.push("panel-1");
        const reread = await consumer.waitFor((m) => m.topic === TOPIC && again.includes(m.key ?? ""), {
          after: mark,
          count: again.length,
          timeoutMs: 30_000,
        });
        expect(new Set(reread.map((m) => m.key))).toEqual(new Set(again));
        const rereadMs = Math.max(...reread.map((m) => m.receivedAt)) - resetAt;

        // The dead letter: found in %DLQ%<group> by its unique id, resent to the group's retry topic, consumed as a message of the topic.
        const dlqTopic = `%DLQ%${GROUP}`;
        const [dead] = await eventually("the dead letter in the index", 20_000, async () => {
          const found = await rocketmq.queryMessagesByUniqueKey(leader, { topic: dlqTopic, uniqueKey: produced[1].msgId });
          return found.length > 0 ? found : undefined;
        });
        expect(dead).toMatchObject({ topic: dlqTopic, keys: [dlqKey], properties: expect.objectContaining({ RETRY_TOPIC: TOPIC }) });
        expect(sha256(dead.body)).toBe(produced[1].bodySha256);
        const beforeResend = consumer.received.length;
        const resent = await rocketmq.sendMessage(leader, {
          topic: `%RETRY%${GROUP}`,
          queueId: 0,
          body: dead.body,
          tags: dead.tags ?? undefined,
          keys: dead.keys,
          properties: { RETRY_TOPIC: TOPIC, ORIGIN_MESSAGE_ID: dead.uniqueKey ?? dead.offsetMsgId },
        });
        const [redelivered] = await consumer.waitFor((m) => m.msgId === resent.msgId, { after: beforeResend, timeoutMs: 30_000 });
        expect(redelivered).toMatchObject({ topic: TOPIC, key: dlqKey, bodySha256: produced[1].bodySha256 });
        console.info(
          `[${version}] after the reset the consumer re-read in ${rereadMs} ms; the resent dead letter arrived ${redelivered.receivedAt - resetAt} ms after the reset`,
        );
      } finally {
        await consumer.stop();
      }
    }, 180_000);

  it("commits an offset per queue where the next consumer starts; a reset with nobody online", async () => {
    const { leader } = await leaderAndFollower();
    // Without the push consumer above, no client has made the group yet; 5.x commits offsets of known groups only.
    if (!pushConsumer) await rocketmq.createOrUpdateSubscriptionGroup(leader, { groupName: GROUP });
    await eventually("the group to go offline", 20_000, async () =>
      (await rocketmq.getConsumerConnections(leader, GROUP)) === null ? true : undefined,
    );
    const max = await Promise.all(QUEUES.map((queueId) => rocketmq.getMaxOffset(leader, { topic: TOPIC, queueId })));
    for (const queueId of QUEUES) {
      const update = { consumerGroup: GROUP, topic: TOPIC, queueId, offset: max[queueId] - 1 };
      expect(await rocketmq.updateConsumerOffset(leader, update)).toEqual({ status: "updated" });
      expect(await rocketmq.queryConsumerOffset(leader, GROUP, { topic: TOPIC, queueId })).toBe(max[queueId] - 1);
    }
    const consumer = await startGroupConsumer({ namesrv: lab().namesrv.address, topic: TOPIC, group: GROUP, mode: "push", version });
    try {
      // From the topic's own queues: the dead letter resent to the retry topic may come again too (with RETRY_TOPIC).
      const read = await consumer.waitFor((m) => m.topic === TOPIC && m.properties.RETRY_TOPIC === undefined, {
        count: 4,
        timeoutMs: 60_000,
      });
      expect(read.map((m) => [m.queueId, m.queueOffset]).sort()).toEqual(QUEUES.map((queueId) => [queueId, max[queueId] - 1]));
    } finally {
      await consumer.stop();
    }
    await eventually("the group to go offline", 20_000, async () =>
      (await rocketmq.getConsumerConnections(leader, GROUP)) === null ? true : undefined,
    );

    const reset = await rocketmq.resetOffset(leader, { topic: TOPIC, group: GROUP, timestamp: 0 });
    if (is5) {
      // 5.5.0 commits the reset itself.
      expect(reset).toMatchObject({ status: "reset" });
      for (const queueId of QUEUES) expect(await rocketmq.queryConsumerOffset(leader, GROUP, { topic: TOPIC, queueId })).toBe(0);
      // …and keeps it against a commit until a consumer has pulled the queue.
      const update = { consumerGroup: GROUP, topic: TOPIC, queueId: 0, offset: 1 };
      expect(await rocketmq.updateConsumerOffset(leader, update)).toMatchObject({ status: "resetPending" });
      expect(await rocketmq.queryConsumerOffset(leader, GROUP, { topic: TOPIC, queueId: 0 })).toBe(0);
    } else {
      expect(reset).toMatchObject({ status: "noConsumerOnline" });
      for (const queueId of QUEUES) {
        expect(await rocketmq.queryConsumerOffset(leader, GROUP, { topic: TOPIC, queueId })).toBe(max[queueId]);
      }
    }
  }, 120_000);
}
