import "server-only";
import { AppError } from "../../errors";
import { message } from "../../i18n/message";
import type {
  ConsumerConnection,
  ConsumeStats,
  RocketmqClient,
  SubscriptionGroupTable,
  TopicConfigTable,
  TopicStats,
} from "../../rocketmq";
import { Limiter } from "../../topology/limiter";
import type { ClusterTargets, GroupTarget } from "../targets";
import type { ClusterNames } from "./classify";
import { type GroupReading, groupReading, type TopicConfigs, type TopicReading, topicReading } from "./rows";

/**
 * Reading a cluster's topics and consumer groups from its brokers. Per broker group: its topic configs and its
 * subscription groups (one call each), then per topic and group its stats, per consumer group and group its consume
 * stats, and per consumer group its connections from one broker. Every call goes through one bound, so a cluster of
 * thousands of topics never has more than `concurrency` calls in flight.
 *
 * Reads go to each group's leader, else any member the panel knows: followers hold the same configs and offsets a
 * few seconds behind, good enough for a list.
 */

export interface ReadOptions {
  /** Calls in flight at once toward this cluster. */
  concurrency?: number;
  /** A bound shared with other clusters' reads (the worker's), on top of this cluster's own. */
  shared?: Limiter;
}

const DEFAULT_CONCURRENCY = 16;

/** Bounds and counts the broker calls of one read; remembers the failures the read went on without. */
class BrokerCalls {
  count = 0;
  readonly failures: unknown[] = [];
  private readonly own: Limiter;

  constructor(private readonly options: ReadOptions) {
    this.own = new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    const { shared } = this.options;
    return this.own.run(() => (shared ? shared.run(work) : work()));
  }

  /** A call whose failure leaves its part unknown (the stored figures stand in) instead of failing the read. */
  tolerate<T, F>(work: () => Promise<T>, failed: F): Promise<T | F> {
    return this.run(work).catch((error: unknown) => {
      this.failures.push(error);
      return failed;
    });
  }
}

export interface ClusterIndexReading {
  topics: TopicReading[];
  groups: GroupReading[];
  brokerCalls: number;
  /** Calls that failed; the rows they feed keep their stored figures. */
  failures: unknown[];
}

/** Where to read a broker group from: its leader, else any member. */
function readAddress(group: GroupTarget): string {
  const address = group.leaderAddress ?? group.addresses[0];
  if (!address) throw new AppError(message("errors.console.index.noAddress", { group: group.brokerName }), 503, "no_broker_address");
  return address;
}

function clusterNames(targets: ClusterTargets): ClusterNames {
  return { brokerClusterName: targets.brokerClusterName, brokerNames: targets.groups.map((g) => g.brokerName) };
}

interface GroupTables {
  brokerName: string;
  address: string;
  topics: TopicConfigTable;
  groups: SubscriptionGroupTable;
}

/**
 * Every group's two tables. A group whose tables cannot be read fails the whole read: its topics would otherwise
 * vanish from the index until the next refresh.
 */
async function readTables(targets: ClusterTargets, rocketmq: RocketmqClient, calls: BrokerCalls): Promise<GroupTables[]> {
  if (targets.groups.length === 0)
    throw new AppError(message("errors.console.index.noGroups", { cluster: targets.brokerClusterName }), 503, "no_broker_groups");
  return Promise.all(
    targets.groups.map(async (group) => {
      const address = readAddress(group);
      const [topics, groups] = await Promise.all([
        calls.run(() => rocketmq.getAllTopicConfigs(address)),
        calls.run(() => rocketmq.getAllSubscriptionGroups(address)),
      ]);
      return { brokerName: group.brokerName, address, topics, groups };
    }),
  );
}

/** What one consumer group's calls answered: consume stats per broker group that has it, connections from the first. */
async function readConsumption(rocketmq: RocketmqClient, calls: BrokerCalls, name: string, holders: GroupTables[]) {
  const [consume, connection] = await Promise.all([
    Promise.all(holders.map((t) => calls.tolerate(() => rocketmq.getConsumeStats(t.address, name), null))),
    calls.tolerate<ConsumerConnection | null, undefined>(() => rocketmq.getConsumerConnections(holders[0].address, name), undefined),
  ]);
  return { consume, connection };
}

export async function readClusterIndex(
  targets: ClusterTargets,
  rocketmq: RocketmqClient,
  options: ReadOptions = {},
): Promise<ClusterIndexReading> {
  const calls = new BrokerCalls(options);
  const tables = await readTables(targets, rocketmq, calls);

  const topicConfigs = new Map<string, TopicConfigs>();
  for (const table of tables)
    for (const config of table.topics.topics) {
      const list = topicConfigs.get(config.topic) ?? [];
      list.push({ brokerName: table.brokerName, config });
      topicConfigs.set(config.topic, list);
    }
  const groupHolders = new Map<string, GroupTables[]>();
  for (const table of tables)
    for (const group of table.groups.groups) groupHolders.set(group.groupName, [...(groupHolders.get(group.groupName) ?? []), table]);
  const addressOf = new Map(tables.map((t) => [t.brokerName, t.address]));

  const [stats, consumption] = await Promise.all([
    Promise.all(
      [...topicConfigs].map(([topic, configs]) =>
        Promise.all(
          configs.map((c) => calls.tolerate<TopicStats, null>(() => rocketmq.getTopicStats(addressOf.get(c.brokerName)!, topic), null)),
        ),
      ),
    ),
    Promise.all([...groupHolders].map(([name, holders]) => readConsumption(rocketmq, calls, name, holders))),
  ]);

  // Who consumes a topic, from the groups' own answers: offsets on it, or a subscription to it now.
  const consumers = new Map<string, Set<string>>();
  const groups = [...groupHolders].map(([name, holders], i) => {
    const reading = groupReading(
      name,
      holders.map((h) => h.brokerName),
      consumption[i].consume,
      consumption[i].connection,
    );
    for (const topic of reading.row.topics) consumers.set(topic, (consumers.get(topic) ?? new Set()).add(name));
    return reading;
  });
  const names = clusterNames(targets);
  const topics = [...topicConfigs].map(([topic, configs], i) => topicReading(topic, configs, stats[i], consumers.get(topic) ?? [], names));
  return { topics, groups, brokerCalls: calls.count, failures: calls.failures };
}

/** One topic as the brokers have it now, or null when no group has it. A failed call fails the read. */
export async function readTopic(targets: ClusterTargets, rocketmq: RocketmqClient, topic: string): Promise<TopicReading | null> {
  const calls = new BrokerCalls({});
  const found = await Promise.all(
    targets.groups.map(async (group) => {
      const address = readAddress(group);
      const config = (await calls.run(() => rocketmq.getAllTopicConfigs(address))).topics.find((t) => t.topic === topic);
      if (!config) return null;
      const [stats, consumers] = await Promise.all([
        calls.run(() => rocketmq.getTopicStats(address, topic)),
        calls.run(() => rocketmq.getTopicConsumers(address, topic)),
      ]);
      return { brokerName: group.brokerName, config, stats, consumers };
    }),
  );
  const present = found.filter((f) => f !== null);
  if (present.length === 0) return null;
  return topicReading(
    topic,
    present,
    present.map((p) => p.stats),
    present.flatMap((p) => p.consumers),
    clusterNames(targets),
  );
}

/** One consumer group as the brokers have it now, or null when no group has its subscription config. */
export async function readGroup(targets: ClusterTargets, rocketmq: RocketmqClient, name: string): Promise<GroupReading | null> {
  const calls = new BrokerCalls({});
  const holders = (
    await Promise.all(
      targets.groups.map(async (group) => {
        const address = readAddress(group);
        const table = await calls.run(() => rocketmq.getAllSubscriptionGroups(address));
        return table.groups.some((g) => g.groupName === name) ? { brokerName: group.brokerName, address } : null;
      }),
    )
  ).filter((h) => h !== null);
  if (holders.length === 0) return null;
  const [consume, connection] = await Promise.all([
    Promise.all(holders.map((h) => calls.run<ConsumeStats>(() => rocketmq.getConsumeStats(h.address, name)))),
    calls.run(() => rocketmq.getConsumerConnections(holders[0].address, name)),
  ]);
  return groupReading(
    name,
    holders.map((h) => h.brokerName),
    consume,
    connection,
  );
}
