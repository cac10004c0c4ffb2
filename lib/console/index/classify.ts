import type { TopicType } from "../schema";

/**
 * What kind of topic a name is, as an operator sorts them: a consumer group's retry (`%RETRY%<group>`) or
 * dead-letter topic (`%DLQ%<group>`), one RocketMQ keeps for itself, or the application's own. Pure.
 */

/** TopicValidator's system topics (4.9.x and 5.x), and the ones the broker creates for the transactional and timer stores. */
const SYSTEM_TOPICS = new Set([
  "TBW102",
  "SCHEDULE_TOPIC_XXXX",
  "BenchmarkTest",
  "OFFSET_MOVED_EVENT",
  "SELF_TEST_TOPIC",
  "TRANS_CHECK_MAX_TIME_TOPIC",
  "CHECKPOINT_TOPIC",
]);

/** RMQ_SYS_TRANS_HALF_TOPIC, RMQ_SYS_TRACE_TOPIC, …; 5.x's rmq_sys_REVIVE_LOG_*, rmq_sys_wheel_timer, rmq_sys_SYNC_BROKER_MEMBER_*. */
const SYSTEM_PREFIXES = ["RMQ_SYS_", "rmq_sys_"];

export interface ClusterNames {
  brokerClusterName: string;
  brokerNames: readonly string[];
}

export function topicType(name: string, cluster: ClusterNames): TopicType {
  if (name.startsWith("%RETRY%")) return "retry";
  if (name.startsWith("%DLQ%")) return "dlq";
  if (SYSTEM_TOPICS.has(name) || SYSTEM_PREFIXES.some((prefix) => name.startsWith(prefix))) return "system";
  // Every broker creates a topic named after its cluster and one after its broker name (the cluster's and the
  // group's own route), and the cluster's request-reply topic.
  if (name === cluster.brokerClusterName || name === `${cluster.brokerClusterName}_REPLY_TOPIC`) return "system";
  if (cluster.brokerNames.includes(name)) return "system";
  return "normal";
}
