import type { ConsumerConnection, ConsumeStats, TopicConfig, TopicStats } from "../../rocketmq";
import type { GroupRow, TopicRow } from "../schema";
import { type ClusterNames, topicType } from "./classify";

/**
 * The index's rows, built from what the brokers answered. Pure. A part whose call failed is marked missing, and
 * the stored row's figures stand in for it (settle.ts), so a timeout never makes a topic look empty.
 */

export interface IndexedTopic extends TopicRow {
  /** Groups with offsets on the topic (or subscribed to it now), sorted. */
  consumerGroups: string[];
}
export type IndexedGroup = GroupRow;

export interface TopicReading {
  row: IndexedTopic;
  /** The stats of at least one broker group failed: messages and lastUpdatedAt are not known this time. */
  statsMissing: boolean;
}

export interface GroupReading {
  row: IndexedGroup;
  /** Consume stats of at least one broker group failed: lag, consumeTps and topics are not known this time. */
  consumeMissing: boolean;
  /** The connections call failed: online, clients and messageModel are not known this time. */
  connectionMissing: boolean;
}

/** One topic's config on each broker group that has it. */
export type TopicConfigs = { brokerName: string; config: TopicConfig }[];

const sorted = (names: Iterable<string>) => [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * A topic across its broker groups: the largest queue numbers any group has (they differ only after a partial
 * update), the perm of the first group, ordered if any group says so. `stats` holds one answer per group, or
 * null where that group's call failed.
 */
export function topicReading(
  name: string,
  configs: TopicConfigs,
  stats: (TopicStats | null)[],
  consumerGroups: Iterable<string>,
  cluster: ClusterNames,
): TopicReading {
  const byName = [...configs].sort((a, b) => (a.brokerName < b.brokerName ? -1 : 1));
  const queues = stats.flatMap((s) => s?.queues ?? []);
  const newest = Math.max(0, ...queues.map((q) => q.lastUpdateTimestamp));
  return {
    row: {
      name,
      type: topicType(name, cluster),
      brokerNames: sorted(byName.map((c) => c.brokerName)),
      readQueueNums: Math.max(0, ...byName.map((c) => c.config.readQueueNums)),
      writeQueueNums: Math.max(0, ...byName.map((c) => c.config.writeQueueNums)),
      perm: byName[0]?.config.perm ?? 0,
      order: byName.some((c) => c.config.order),
      messages: queues.reduce((sum, q) => sum + q.messages, 0),
      lastUpdatedAt: newest > 0 ? newest : null,
      consumerGroups: sorted(consumerGroups),
    },
    statsMissing: stats.some((s) => s === null),
  };
}

/**
 * A consumer group across the broker groups that have its subscription config. `consume` holds one answer per
 * group (null where the call failed); `connection` is one broker's answer: null while no client is connected,
 * undefined when the call failed.
 */
export function groupReading(
  name: string,
  brokerNames: Iterable<string>,
  consume: (ConsumeStats | null)[],
  connection: ConsumerConnection | null | undefined,
): GroupReading {
  const queues = consume.flatMap((c) => c?.queues ?? []);
  const clients = connection?.connections.length ?? 0;
  const model = connection?.messageModel;
  return {
    row: {
      name,
      online: clients > 0,
      clients,
      messageModel: model === "CLUSTERING" || model === "BROADCASTING" ? model : null,
      consumeTps: consume.reduce((sum, c) => sum + (c?.consumeTps ?? 0), 0),
      lag: queues.reduce((sum, q) => sum + q.lag, 0),
      topics: sorted([...queues.map((q) => q.topic), ...(connection?.subscriptions.map((s) => s.topic) ?? [])]),
      brokerNames: sorted(brokerNames),
    },
    consumeMissing: consume.some((c) => c === null),
    connectionMissing: connection === undefined,
  };
}
