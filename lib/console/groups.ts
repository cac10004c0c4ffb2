import "server-only";
import type { Actor } from "../audit";
import { AppError, conflict } from "../errors";
import { message } from "../i18n/message";
import {
  type ConsumerConnection,
  type ConsumeStats,
  type RocketmqClient,
  RocketmqRemoteError,
  type SubscriptionGroupConfig,
} from "../rocketmq";
import { ROCKETMQ_RELEASES } from "../rocketmq/versions";
import { auditConsole } from "./audit";
import { groupReading } from "./index/rows";
import { reindexGroup, unindexGroup } from "./reindex";
import { chosenGroups, leaderAddress, readFromGroup, writeOnLeaders } from "./leaders";
import type { GroupConnection, GroupCreateInput, GroupDetail, GroupSettings, GroupUpdateInput } from "./schema";
import { type ClusterTargets, resolveTargets } from "./targets";

/**
 * One consumer group as a user asks for it: per queue how far it has consumed, its clients and settings, read from
 * every broker group's leader; its subscription config created, updated and deleted on each leader.
 */

const SUBSCRIPTION_GROUP_NOT_EXIST = 26;

/** What one broker group's leader knows of the consumer group. */
interface GroupOnBroker {
  brokerName: string;
  leader: string;
  config: SubscriptionGroupConfig | undefined;
  stats: ConsumeStats | null;
  connection: ConsumerConnection | null;
}

async function readOnEveryLeader(rocketmq: RocketmqClient, targets: ClusterTargets, group: string): Promise<GroupOnBroker[]> {
  return Promise.all(
    targets.groups.map((target) => {
      const leader = leaderAddress(targets, target.brokerName);
      return readFromGroup(target.brokerName, async () => {
        const [configs, stats, connection] = await Promise.all([
          rocketmq.getAllSubscriptionGroups(leader),
          rocketmq.getConsumeStats(leader, group).catch((error) => {
            if (error instanceof RocketmqRemoteError && error.remoteCode === SUBSCRIPTION_GROUP_NOT_EXIST) return null;
            throw error;
          }),
          rocketmq.getConsumerConnections(leader, group),
        ]);
        const config = configs.groups.find((g) => g.groupName === group);
        return {
          brokerName: target.brokerName,
          leader,
          config,
          stats: await withSubscribed(rocketmq, leader, group, stats, connection),
          connection,
        };
      });
    }),
  );
}

/**
 * The broker lists a group's queues only for topics it has committed offsets on, and a push consumer commits first
 * ~10 s after it starts: topics the group subscribes to are asked for by name, so a new group shows its queues
 * (and their lag from offset 0) at once.
 */
async function withSubscribed(
  rocketmq: RocketmqClient,
  leader: string,
  group: string,
  stats: ConsumeStats | null,
  connection: ConsumerConnection | null,
): Promise<ConsumeStats | null> {
  const listed = new Set(stats?.queues.map((q) => q.topic));
  const missing = (connection?.subscriptions ?? []).map((s) => s.topic).filter((topic) => !listed.has(topic));
  if (missing.length === 0) return stats;
  // A topic this broker does not have answers an error: nothing to add from here.
  const more = await Promise.all(missing.map((topic) => rocketmq.getConsumeStats(leader, group, { topic }).catch(() => null)));
  return {
    consumeTps: stats?.consumeTps ?? 0,
    queues: [...(stats?.queues ?? []), ...more.flatMap((m) => m?.queues ?? [])],
  };
}

const exists = (on: GroupOnBroker) => on.config !== undefined || (on.stats?.queues.length ?? 0) > 0 || on.connection !== null;

/** "V4_9_3" for the releases the panel knows, else the client's MQVersion ordinal. */
function clientVersion(ordinal: number): string {
  const release = Object.entries(ROCKETMQ_RELEASES).find(([, r]) => r.mqVersionOrdinal === ordinal)?.[0];
  return release ? `V${release.replaceAll(".", "_")}` : String(ordinal);
}

/** The group's clients over every broker (each client heartbeats to all of them), once each. */
function mergeConnections(readings: GroupOnBroker[]): ConsumerConnection | null {
  const answers = readings.flatMap((r) => (r.connection ? [r.connection] : []));
  if (answers.length === 0) return null;
  const clients = new Map(answers.flatMap((a) => a.connections).map((c) => [c.clientId, c]));
  const subscriptions = new Map(answers.flatMap((a) => a.subscriptions).map((s) => [s.topic, s]));
  return {
    ...answers[0],
    connections: [...clients.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : 1)),
    subscriptions: [...subscriptions.values()].sort((a, b) => (a.topic < b.topic ? -1 : 1)),
  };
}

function toSettings(config: SubscriptionGroupConfig): GroupSettings {
  return {
    consumeEnable: config.consumeEnable,
    consumeBroadcastEnable: config.consumeBroadcastEnable,
    retryQueueNums: config.retryQueueNums,
    retryMaxTimes: config.retryMaxTimes,
  };
}

export async function groupDetail(rocketmq: RocketmqClient, clusterId: string, group: string): Promise<GroupDetail> {
  const targets = await resolveTargets(clusterId, rocketmq);
  return readGroup(rocketmq, targets, group);
}

async function readGroup(rocketmq: RocketmqClient, targets: ClusterTargets, group: string): Promise<GroupDetail> {
  const readings = await readOnEveryLeader(rocketmq, targets, group);
  if (!readings.some(exists)) throw groupNotFound(group);
  const connection = mergeConnections(readings);
  const { row } = groupReading(
    group,
    readings.filter((r) => r.config).map((r) => r.brokerName),
    readings.map((r) => r.stats),
    connection,
  );
  const owners = await queueOwners(rocketmq, group, readings, connection);
  const connections: GroupConnection[] = (connection?.connections ?? []).map((c) => ({
    clientId: c.clientId,
    address: c.clientAddr,
    language: c.language,
    version: clientVersion(c.versionOrdinal),
    subscriptions: (connection?.subscriptions ?? []).map((s) => ({ topic: s.topic, expression: s.expression })),
  }));
  const config = readings.find((r) => r.config)?.config;
  return {
    ...row,
    consumeType: connection?.consumeType ?? null,
    settings: config ? toSettings(config) : null,
    queues: readings.flatMap((r) =>
      (r.stats?.queues ?? []).map((q) => ({
        topic: q.topic,
        brokerName: q.brokerName,
        queueId: q.queueId,
        brokerOffset: q.brokerOffset,
        consumerOffset: q.consumerOffset,
        lag: q.lag,
        lastConsumedAt: q.lastTimestamp > 0 ? q.lastTimestamp : null,
        clientId: owners.get(`${q.topic}/${q.brokerName}/${q.queueId}`) ?? null,
      })),
    ),
    connections,
  };
}

const groupNotFound = (group: string) => new AppError(message("errors.console.groups.notFound", { group }), 404, "not_found");

export async function createGroup(
  rocketmq: RocketmqClient,
  actor: Actor,
  clusterId: string,
  input: GroupCreateInput,
): Promise<GroupDetail> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const brokerNames = chosenGroups(targets, input.brokerNames);
  const readings = await readOnEveryLeader(rocketmq, targets, input.name);
  const holders = readings.filter((r) => r.config && brokerNames.includes(r.brokerName)).map((r) => r.brokerName);
  if (holders.length > 0) throw conflict(message("errors.console.groups.exists", { group: input.name, brokerName: holders[0] }));
  return writeGroup(rocketmq, actor, targets, input.name, brokerNames, input, null);
}

export async function updateGroup(
  rocketmq: RocketmqClient,
  actor: Actor,
  clusterId: string,
  group: string,
  input: GroupUpdateInput,
): Promise<GroupDetail> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const brokerNames = chosenGroups(targets, input.brokerNames);
  const readings = await readOnEveryLeader(rocketmq, targets, group);
  if (!readings.some((r) => r.config)) throw groupNotFound(group);
  const before = readings.flatMap((r) => (r.config ? [{ brokerName: r.brokerName, ...r.config }] : []));
  return writeGroup(rocketmq, actor, targets, group, brokerNames, input, before);
}

async function writeGroup(
  rocketmq: RocketmqClient,
  actor: Actor,
  targets: ClusterTargets,
  group: string,
  brokerNames: string[],
  input: GroupUpdateInput,
  before: unknown[] | null,
): Promise<GroupDetail> {
  const settings: GroupSettings = {
    consumeEnable: input.consumeEnable,
    consumeBroadcastEnable: input.consumeBroadcastEnable,
    retryQueueNums: input.retryQueueNums,
    retryMaxTimes: input.retryMaxTimes,
  };
  const { written, failed } = await writeOnLeaders(rocketmq, targets, brokerNames, async (leader) => {
    // The broker replaces the whole config: send the current one (5.x's own fields too) with the panel's settings on top.
    const current = (await rocketmq.getAllSubscriptionGroups(leader)).groups.find((g) => g.groupName === group);
    await rocketmq.createOrUpdateSubscriptionGroup(leader, { ...current, ...settings, groupName: group });
  });
  if (written.length > 0) {
    await auditConsole(actor, targets.clusterId, {
      action: before ? "group.update" : "group.create",
      targetType: "consumerGroup",
      targetName: group,
      before: before && { configs: before },
      after: {
        ...settings,
        written: written.map((w) => ({ brokerName: w.brokerName, leaderAddress: w.leaderAddress })),
        ...(failed.length > 0 && { failed: failed.map((f) => f.brokerName) }),
      },
    });
  }
  if (failed.length > 0) throw failed[0].error;
  const fresh = await resolveTargets(targets.clusterId, rocketmq);
  await reindexGroup(fresh, rocketmq, group);
  return readGroup(rocketmq, fresh, group);
}

/**
 * Deletes the group's subscription config and committed offsets on every leader that has either. Refused while
 * clients are connected: their next heartbeat would create the group again, from the last offset.
 */
export async function deleteGroup(rocketmq: RocketmqClient, actor: Actor, clusterId: string, group: string): Promise<{ deleted: true }> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const readings = await readOnEveryLeader(rocketmq, targets, group);
  const holders = readings.filter(exists);
  if (holders.length === 0) throw groupNotFound(group);
  const clients = mergeConnections(readings)?.connections.length ?? 0;
  if (clients > 0) throw conflict(message("errors.console.groups.online", { group, clients }));
  const brokerNames = holders.map((r) => r.brokerName);
  const { written, failed } = await writeOnLeaders(rocketmq, targets, brokerNames, (leader) =>
    rocketmq.deleteSubscriptionGroup(leader, group, { cleanOffset: true }),
  );
  if (written.length > 0) {
    await auditConsole(actor, clusterId, {
      action: "group.delete",
      targetType: "consumerGroup",
      targetName: group,
      before: { configs: holders.flatMap((r) => (r.config ? [{ brokerName: r.brokerName, ...r.config }] : [])) },
      after: {
        deletedOn: written.map((w) => ({ brokerName: w.brokerName, leaderAddress: w.leaderAddress })),
        ...(failed.length > 0 && { failed: failed.map((f) => f.brokerName) }),
      },
    });
  }
  if (failed.length > 0) throw failed[0].error;
  await unindexGroup(clusterId, group);
  return { deleted: true };
}

/**
 * Which client holds each queue ("topic/brokerName/queueId" → client id), from each client's own running info
 * (the broker asks the client and relays its answer). A client that does not answer holds nothing we can show.
 */
async function queueOwners(
  rocketmq: RocketmqClient,
  group: string,
  readings: GroupOnBroker[],
  connection: ConsumerConnection | null,
): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const brokers = readings.filter((r) => r.connection).map((r) => r.leader);
  await Promise.all(
    (connection?.connections ?? []).map(async ({ clientId }) => {
      for (const broker of brokers) {
        const info = await rocketmq.getConsumerRunningInfo(broker, { consumerGroup: group, clientId }).catch(() => null);
        if (!info) continue;
        for (const q of info.queues) if (!q.dropped) owners.set(`${q.topic}/${q.brokerName}/${q.queueId}`, clientId);
        return;
      }
    }),
  );
  return owners;
}
