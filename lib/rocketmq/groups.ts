import "server-only";
import { RequestCode, ResponseCode } from "./codes";
import { RocketmqRemoteError, responseName } from "./errors";
import { callLeader } from "./leader";
import type { RemotingClient } from "./pool";
import { type CallOptions, call, parseBody, send } from "./request";
import {
  type ConsumerConnection,
  type ConsumeStats,
  consumeStatsSchema,
  consumerConnectionSchema,
  groupListSchema,
  type SubscriptionGroupTable,
  subscriptionGroupTableSchema,
} from "./schema";

/**
 * Consumer groups on one broker: subscription groups (the group's settings), the clients connected
 * as the group, and how far it has consumed. Writes go to the group's leader only (leader.ts).
 */

/** SubscriptionGroupConfig's settings both 4.9.x and 5.x know; the Java defaults in brackets. */
export interface SubscriptionGroupWrite {
  groupName: string;
  /** [true] false stops the group from consuming. */
  consumeEnable?: boolean;
  /** [true] A new group starts from the queue's first message instead of its last. */
  consumeFromMinEnable?: boolean;
  /** [true] Clients may consume in broadcasting mode. */
  consumeBroadcastEnable?: boolean;
  /** [1] Queues of the group's retry topic (%RETRY%group). */
  retryQueueNums?: number;
  /** [16] Redeliveries before a message goes to the dead-letter topic (%DLQ%group). */
  retryMaxTimes?: number;
  /** [0] The broker the group reads from. */
  brokerId?: number;
  /** [1] The broker the group reads from while it lags far behind. */
  whichBrokerWhenConsumeSlowly?: number;
  /** [true] Clients hear at once when another client joins or leaves, and rebalance. */
  notifyConsumerIdsChangedEnable?: boolean;
}

/**
 * UPDATE_AND_CREATE_SUBSCRIPTIONGROUP on the group's leader. The body replaces the whole config: a setting
 * left out gets the broker's default, not the group's current value (read the group first to change one
 * setting). Fails with NOT_LEADER on a follower (isNotLeaderError).
 */
export async function createOrUpdateSubscriptionGroup(
  remoting: RemotingClient,
  broker: string,
  group: SubscriptionGroupWrite,
  options?: CallOptions,
): Promise<void> {
  const body = Buffer.from(JSON.stringify(group), "utf8");
  await callLeader(remoting, broker, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, { ...options, body });
}

/** GET_ALL_SUBSCRIPTIONGROUP_CONFIG: every subscription group the broker has, and the table's data version. */
export async function getAllSubscriptionGroups(
  remoting: RemotingClient,
  broker: string,
  options?: CallOptions,
): Promise<SubscriptionGroupTable> {
  // No header fields: 5.x brokers with enableSplitMetadata page the table only for callers that ask for a page.
  const response = await call(remoting, broker, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, options);
  return parseBody(broker, response.body, subscriptionGroupTableSchema, "subscription groups");
}

/**
 * DELETE_SUBSCRIPTIONGROUP on the group's leader. `cleanOffset` also forgets the group's committed offsets
 * (4.9.x calls the field removeOffset, 5.x cleanOffset; both are sent). A group whose clients are still
 * connected is created again by their next heartbeat while the broker auto-creates groups (its default).
 */
export async function deleteSubscriptionGroup(
  remoting: RemotingClient,
  broker: string,
  groupName: string,
  options: CallOptions & { cleanOffset?: boolean } = {},
): Promise<void> {
  const { cleanOffset = false, ...rest } = options;
  const extFields = { groupName, removeOffset: String(cleanOffset), cleanOffset: String(cleanOffset) };
  await callLeader(remoting, broker, RequestCode.DELETE_SUBSCRIPTIONGROUP, { ...rest, extFields });
}

/**
 * GET_CONSUMER_CONNECTION_LIST: the group's clients connected to this broker (client id, address,
 * language, version), their subscriptions and consume mode; null while none is connected.
 */
export async function getConsumerConnections(
  remoting: RemotingClient,
  broker: string,
  consumerGroup: string,
  options?: CallOptions,
): Promise<ConsumerConnection | null> {
  const code = RequestCode.GET_CONSUMER_CONNECTION_LIST;
  const response = await send(remoting, broker, code, { ...options, extFields: { consumerGroup } });
  // Offline is a state of the group, not a failure of the call.
  if (response.code === ResponseCode.CONSUMER_NOT_ONLINE) return null;
  if (response.code !== ResponseCode.SUCCESS) {
    throw new RocketmqRemoteError(broker, code, response.code, response.remark, responseName(response.code));
  }
  return parseBody(broker, response.body, consumerConnectionSchema, `connections of consumer group ${consumerGroup}`);
}

/**
 * GET_CONSUME_STATS: per queue on this broker, the queue's max offset, the group's committed offset and
 * the lag between them, with the group's consume TPS. Without `topic`, every topic the group has offsets
 * for; a topic the group's online clients do not subscribe to is left out.
 */
export async function getConsumeStats(
  remoting: RemotingClient,
  broker: string,
  consumerGroup: string,
  options: CallOptions & { topic?: string } = {},
): Promise<ConsumeStats> {
  const { topic, ...rest } = options;
  const extFields = { consumerGroup, ...(topic !== undefined && { topic }) };
  const response = await call(remoting, broker, RequestCode.GET_CONSUME_STATS, { ...rest, extFields });
  return parseBody(broker, response.body, consumeStatsSchema, `consume stats of group ${consumerGroup}`);
}

/** QUERY_TOPIC_CONSUME_BY_WHO: the groups that subscribe to the topic now or have offsets for it on this broker, sorted. */
export async function getTopicConsumers(remoting: RemotingClient, broker: string, topic: string, options?: CallOptions): Promise<string[]> {
  const response = await call(remoting, broker, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, { ...options, extFields: { topic } });
  return parseBody(broker, response.body, groupListSchema, `consumers of topic ${topic}`);
}
