import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { Actor } from "../audit";
import { AppError, conflict } from "../errors";
import { message, messageList } from "../i18n/message";
import type { RocketmqClient, TopicRoute, TopicWrite } from "../rocketmq";
import { auditConsole } from "./audit";
import { topicReading } from "./index/rows";
import { reindexTopic, unindexTopic } from "./reindex";
import { chosenGroups, fromNameServers, isTopicNotExist, readFromGroup, writeOnLeaders } from "./leaders";
import type { QueueOffsets, TopicCreateInput, TopicDetail, TopicRouteEntry, TopicUpdateInput, TopicWriteResult } from "./schema";
import { type ClusterTargets, resolveTargets } from "./targets";

/**
 * One topic as a user asks for it: its route from the NameServers, and from each group's leader its queues' offsets,
 * config and consumers; create and update on each chosen group's leader, then a check that the NameServers route it;
 * delete on every leader and every NameServer.
 */

/** The NameServers have the route at once (the broker registers as it writes); this absorbs a slow machine. */
const ROUTE_VERIFY_MS = 10_000;

/** The topic's route, or a 404 when no NameServer knows it. */
export async function readRoute(rocketmq: RocketmqClient, targets: ClusterTargets, topic: string): Promise<TopicRoute> {
  try {
    return await fromNameServers(targets, (namesrv) => rocketmq.getTopicRoute(namesrv, topic));
  } catch (error) {
    if (isTopicNotExist(error)) throw new AppError(message("errors.console.topics.notFound", { topic }), 404, "not_found");
    throw error;
  }
}

/** The route entry of each group the topic lives on, with who leads it now. */
function routeEntries(targets: ClusterTargets, route: TopicRoute): TopicRouteEntry[] {
  return route.queues
    .map((queue) => {
      const target = targets.groups.find((g) => g.brokerName === queue.brokerName);
      const registered = route.brokerGroups.find((g) => g.brokerName === queue.brokerName)?.members.find((m) => m.brokerId === 0);
      return {
        brokerName: queue.brokerName,
        readQueueNums: queue.readQueueNums,
        writeQueueNums: queue.writeQueueNums,
        perm: queue.perm,
        leaderAddress: target?.leaderAddress ?? registered?.address ?? null,
        leaderSelfId: target?.leaderAddress ? target.leaderSelfId : null,
      };
    })
    .sort((a, b) => (a.brokerName < b.brokerName ? -1 : 1));
}

export async function topicDetail(rocketmq: RocketmqClient, clusterId: string, topic: string): Promise<TopicDetail> {
  const targets = await resolveTargets(clusterId, rocketmq);
  return readTopic(rocketmq, targets, topic);
}

async function readTopic(rocketmq: RocketmqClient, targets: ClusterTargets, topic: string): Promise<TopicDetail> {
  const route = routeEntries(targets, await readRoute(rocketmq, targets, topic));
  const perGroup = await Promise.all(
    route.map(async (entry) => {
      const leader = entry.leaderAddress;
      if (!leader) return null;
      return readFromGroup(entry.brokerName, async () => {
        const [configs, stats, consumers, puts] = await Promise.all([
          rocketmq.getAllTopicConfigs(leader),
          rocketmq.getTopicStats(leader, topic).catch((error) => {
            // The NameServers still route a topic a broker just deleted (until its next registration).
            if (isTopicNotExist(error)) return null;
            throw error;
          }),
          rocketmq.getTopicConsumers(leader, topic),
          rocketmq.getTopicPutStats(leader, topic),
        ]);
        const config = configs.topics.find((t) => t.topic === topic);
        // No stats item yet: nobody wrote to the topic on this broker since it started.
        return { brokerName: entry.brokerName, config, stats, consumers, putTps: puts?.statsMinute.tps ?? 0 };
      });
    }),
  );
  const read = perGroup.flatMap((g) => (g ? [g] : []));
  const configs = read.flatMap((g) => (g.config ? [{ brokerName: g.brokerName, config: g.config }] : []));
  const cluster = { brokerClusterName: targets.brokerClusterName, brokerNames: targets.groups.map((g) => g.brokerName) };
  const { row } = topicReading(
    topic,
    configs,
    read.map((g) => g.stats),
    read.flatMap((g) => g.consumers),
    cluster,
  );
  const queues: QueueOffsets[] = read.flatMap((g) =>
    (g.stats?.queues ?? []).map((q) => ({
      brokerName: q.brokerName,
      queueId: q.queueId,
      minOffset: q.minOffset,
      maxOffset: q.maxOffset,
      lastUpdatedAt: q.lastUpdateTimestamp > 0 ? q.lastUpdateTimestamp : null,
    })),
  );
  const tps = read.map((g) => g.putTps);
  const { consumerGroups, ...topicRow } = row;
  return {
    ...topicRow,
    // Without a leader's config (a group electing), the route's queue numbers stand in.
    readQueueNums: topicRow.readQueueNums || Math.max(0, ...route.map((r) => r.readQueueNums)),
    writeQueueNums: topicRow.writeQueueNums || Math.max(0, ...route.map((r) => r.writeQueueNums)),
    perm: topicRow.perm || (route[0]?.perm ?? 0),
    // A group the route lists but whose leader did not say (no leader now) still counts as one the topic lives on.
    brokerNames: [...new Set([...topicRow.brokerNames, ...route.map((r) => r.brokerName)])].sort(),
    route,
    queues,
    consumerGroups,
    putTps: tps.length > 0 ? tps.reduce((a, b) => a + b, 0) : null,
  };
}

export async function createTopic(
  rocketmq: RocketmqClient,
  actor: Actor,
  clusterId: string,
  input: TopicCreateInput,
): Promise<TopicWriteResult> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const brokerNames = chosenGroups(targets, input.brokerNames);
  const existing = await readRoute(rocketmq, targets, input.name).catch((error) => {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  });
  if (existing) throw conflict(message("errors.console.topics.exists", { topic: input.name }));
  return writeTopic(rocketmq, actor, targets, input.name, brokerNames, input, null);
}

export async function updateTopic(
  rocketmq: RocketmqClient,
  actor: Actor,
  clusterId: string,
  topic: string,
  input: TopicUpdateInput,
): Promise<TopicWriteResult> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const brokerNames = chosenGroups(targets, input.brokerNames);
  const before = routeEntries(targets, await readRoute(rocketmq, targets, topic));
  return writeTopic(rocketmq, actor, targets, topic, brokerNames, input, before);
}

async function writeTopic(
  rocketmq: RocketmqClient,
  actor: Actor,
  targets: ClusterTargets,
  topic: string,
  brokerNames: string[],
  input: TopicUpdateInput,
  before: TopicRouteEntry[] | null,
): Promise<TopicWriteResult> {
  const write: TopicWrite = {
    topic,
    readQueueNums: input.readQueueNums,
    writeQueueNums: input.writeQueueNums,
    perm: input.perm,
    order: input.order,
  };
  const { written, failed } = await writeOnLeaders(rocketmq, targets, brokerNames, (leader) => rocketmq.createOrUpdateTopic(leader, write));
  const settings = { readQueueNums: write.readQueueNums, writeQueueNums: write.writeQueueNums, perm: write.perm, order: write.order };
  if (written.length > 0) {
    await auditConsole(actor, targets.clusterId, {
      action: before ? "topic.update" : "topic.create",
      targetType: "topic",
      targetName: topic,
      before: before && { route: before },
      after: {
        ...settings,
        written: written.map((w) => ({ brokerName: w.brokerName, leaderAddress: w.leaderAddress })),
        ...(failed.length > 0 && { failed: failed.map((f) => f.brokerName) }),
      },
    });
  }
  if (failed.length > 0) throw failed[0].error;
  await verifyRoute(
    rocketmq,
    targets,
    topic,
    written.map((w) => w.brokerName),
    write,
  );
  const fresh = await resolveTargets(targets.clusterId, rocketmq);
  await reindexTopic(fresh, rocketmq, topic);
  return {
    topic: await readTopic(rocketmq, fresh, topic),
    written: written.map((w) => ({ brokerName: w.brokerName, leaderAddress: w.leaderAddress })),
  };
}

/**
 * Waits until every NameServer that answers routes the topic to each written group with the written queue numbers
 * and perm. A write the leader took but no NameServer shows would be invisible to producers: say so.
 */
async function verifyRoute(rocketmq: RocketmqClient, targets: ClusterTargets, topic: string, brokerNames: string[], write: TopicWrite) {
  const deadline = Date.now() + ROUTE_VERIFY_MS;
  const shows = (route: TopicRoute) =>
    brokerNames.every((brokerName) =>
      route.queues.some(
        (q) =>
          q.brokerName === brokerName &&
          q.readQueueNums === write.readQueueNums &&
          q.writeQueueNums === write.writeQueueNums &&
          q.perm === write.perm,
      ),
    );
  for (;;) {
    const answers = await Promise.allSettled(targets.nameServers.map((namesrv) => rocketmq.getTopicRoute(namesrv, topic)));
    const routes = answers.flatMap((a) => (a.status === "fulfilled" ? [a.value] : []));
    const unknownHere = answers.some((a) => a.status === "rejected" && isTopicNotExist(a.reason));
    if (routes.length > 0 && !unknownHere && routes.every(shows)) return;
    if (Date.now() > deadline) break;
    await sleep(250);
  }
  throw new AppError(
    message("errors.console.topics.routeNotShown", {
      topic,
      brokerNames: messageList("and", brokerNames),
      seconds: ROUTE_VERIFY_MS / 1000,
    }),
    502,
    "route_not_shown",
  );
}

/** Deletes the topic on the leader of every group the NameServers route it to, then on every NameServer. */
export async function deleteTopic(rocketmq: RocketmqClient, actor: Actor, clusterId: string, topic: string): Promise<{ deleted: true }> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const before = routeEntries(targets, await readRoute(rocketmq, targets, topic));
  const known = before.filter((entry) => targets.groups.some((g) => g.brokerName === entry.brokerName)).map((entry) => entry.brokerName);
  const brokers = await writeOnLeaders(rocketmq, targets, known, (leader) => rocketmq.deleteTopicInBroker(leader, topic));
  // A broker that still has the topic registers it again: the NameServers only after every broker let it go.
  const nameServers =
    brokers.failed.length > 0
      ? []
      : await Promise.allSettled(
          targets.nameServers.map((namesrv) => rocketmq.deleteTopicInNamesrv(namesrv, topic, { cluster: targets.brokerClusterName })),
        );
  const namesrvFailed = nameServers.flatMap((outcome, i) =>
    outcome.status === "rejected" ? [{ namesrv: targets.nameServers[i], error: outcome.reason }] : [],
  );
  if (brokers.written.length > 0) {
    await auditConsole(actor, clusterId, {
      action: "topic.delete",
      targetType: "topic",
      targetName: topic,
      before: { route: before },
      after: {
        deletedOn: brokers.written.map((w) => ({ brokerName: w.brokerName, leaderAddress: w.leaderAddress })),
        nameServers: targets.nameServers.filter((_, i) => nameServers[i]?.status === "fulfilled"),
        ...(brokers.failed.length + namesrvFailed.length > 0 && {
          failed: [...brokers.failed.map((f) => f.brokerName), ...namesrvFailed.map((f) => f.namesrv)],
        }),
      },
    });
  }
  const failure = brokers.failed[0]?.error ?? namesrvFailed[0]?.error;
  if (failure) throw failure;
  await unindexTopic(clusterId, topic);
  return { deleted: true };
}
