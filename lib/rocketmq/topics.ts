import "server-only";
import { RequestCode } from "./codes";
import { callLeader } from "./leader";
import type { RemotingClient } from "./pool";
import { type CallOptions, call, parseBody } from "./request";
import { type TopicConfigTable, type TopicStats, topicConfigTableSchema, topicStatsSchema } from "./schema";

/** Topics on one broker: its topic table and queue offsets. Writes go to the group's leader only (leader.ts). */

/** PermName bits of a topic's perm. */
export const TopicPerm = { READ: 4, WRITE: 2, READ_WRITE: 6 } as const;

export interface TopicWrite {
  topic: string;
  readQueueNums: number;
  writeQueueNums: number;
  /** PermName bits; default 6 (read and write). */
  perm?: number;
  /** Stored by 5.x brokers; 4.9.x drops it (mqadmin keeps 4.x order settings in the NameServer's KV config). */
  order?: boolean;
  /** Default SINGLE_TAG, as mqadmin. */
  topicFilterType?: "SINGLE_TAG" | "MULTI_TAG";
  /** TopicSysFlag bits (1 unit, 2 unit subscription); default 0. */
  topicSysFlag?: number;
}

/**
 * UPDATE_AND_CREATE_TOPIC on the group's leader: creates the topic or replaces its queue numbers, perm and
 * flags; the broker registers the change with every NameServer at once. Fails with NOT_LEADER on a
 * follower (isNotLeaderError). The broker validates the name (INVALID_PARAMETER on 5.x, SYSTEM_ERROR on
 * 4.9.x) but not the queue numbers: the caller bounds them.
 */
export async function createOrUpdateTopic(
  remoting: RemotingClient,
  broker: string,
  write: TopicWrite,
  options?: CallOptions,
): Promise<void> {
  const extFields = {
    topic: write.topic,
    // Required by the header; only auto-creation reads it (the template a sent-to unknown topic is copied from).
    defaultTopic: "TBW102",
    readQueueNums: String(write.readQueueNums),
    writeQueueNums: String(write.writeQueueNums),
    perm: String(write.perm ?? TopicPerm.READ_WRITE),
    topicFilterType: write.topicFilterType ?? "SINGLE_TAG",
    topicSysFlag: String(write.topicSysFlag ?? 0),
    order: String(write.order ?? false),
  };
  await callLeader(remoting, broker, RequestCode.UPDATE_AND_CREATE_TOPIC, { ...options, extFields });
}

/**
 * DELETE_TOPIC_IN_BROKER on the group's leader: drops the topic's config and its consume queues
 * (5.x also its consumer offsets). The NameServers keep the route until deleteTopicInNamesrv.
 */
export async function deleteTopicInBroker(remoting: RemotingClient, broker: string, topic: string, options?: CallOptions): Promise<void> {
  await callLeader(remoting, broker, RequestCode.DELETE_TOPIC_IN_BROKER, { ...options, extFields: { topic } });
}

/** GET_ALL_TOPIC_CONFIG: every topic the broker has, with queue numbers, perm and flags, and the table's data version. */
export async function getAllTopicConfigs(remoting: RemotingClient, broker: string, options?: CallOptions): Promise<TopicConfigTable> {
  // No header fields: 5.x brokers with enableSplitMetadata page the table only for callers that ask for a page.
  const response = await call(remoting, broker, RequestCode.GET_ALL_TOPIC_CONFIG, options);
  return parseBody(broker, response.body, topicConfigTableSchema, "topic configs");
}

/**
 * GET_TOPIC_STATS_INFO: per queue of the topic on this broker, min and max offset and the newest
 * message's store time. 4.9.x lists the write queues, 5.x max(read, write) queues and adds put TPS.
 * A broker without the topic fails with RocketmqRemoteError TOPIC_NOT_EXIST (17).
 */
export async function getTopicStats(remoting: RemotingClient, broker: string, topic: string, options?: CallOptions): Promise<TopicStats> {
  const response = await call(remoting, broker, RequestCode.GET_TOPIC_STATS_INFO, { ...options, extFields: { topic } });
  return parseBody(broker, response.body, topicStatsSchema, `stats of topic ${topic}`);
}
