/**
 * lib/rocketmq: speaks RocketMQ's remoting protocol to NameServers, brokers and DLedger peer ports.
 *
 *   const rocketmq = createRocketmqClient({ timeoutMs: 3000 });
 *   const info = await rocketmq.getClusterInfo("10.0.0.1:9876");
 *   const state = await rocketmq.getDledgerMemberState("10.0.0.2:40911", { group: "g1", selfId: "n0" });
 *   await rocketmq.close();
 *
 *   await rocketmq.createOrUpdateTopic(leaderBrokerAddress, { topic: "orders", readQueueNums: 8, writeQueueNums: 8 });
 *   const { status, messages, nextBeginOffset } = await rocketmq.pullMessages(broker, { topic: "orders", queueId: 0, offset: 0, maxMessages: 16 });
 *   const readings = classifyMessageId(id); // offset id → viewMessage(storeHost, offset); unique id → queryMessagesByUniqueKey
 *
 * Every failure is a RocketmqError: RocketmqTimeoutError, RocketmqConnectionError,
 * RocketmqProtocolError or RocketmqRemoteError (the peer's code and remark). A write sent to a broker
 * that does not lead its group is a RocketmqRemoteError NOT_LEADER: isNotLeaderError (leader.ts) tells it apart.
 */
import "server-only";

export { createRocketmqClient, type RocketmqClient } from "./client";
export type { RemotingClientOptions } from "./pool";
export type { CallOptions } from "./request";
export type { DledgerMember, LeadershipTransfer } from "./dledger";
export type { SubscriptionGroupWrite } from "./groups";
export { isNotLeaderError } from "./leader";
export { type Compression, MessageProperty, type StoredMessage } from "./message-format";
export {
  classifyMessageId,
  type MessageIdReadings,
  type OffsetMessageId,
  type UniqueMessageId,
} from "./message-id";
export type { OutgoingMessage, PullResult, PullStatus, QueryRequest, SendResult, SendStatus } from "./messages";
export type { QueueRef, ResetOffsetResult, UpdateConsumerOffsetResult } from "./offsets";
export type { TopicWrite } from "./topics";

export type {
  BrokerGroupView,
  BrokerMember,
  BrokerRuntimeInfo,
  BrokerStatsData,
  ClusterInfo,
  ConsumerRunningInfo,
  ConsumeStats,
  ConsumerConnection,
  DataVersion,
  DledgerMemberState,
  DledgerMetadata,
  DledgerRole,
  MessageQueue,
  ResetOffsets,
  SubscriptionGroupConfig,
  SubscriptionGroupTable,
  TopicConfig,
  TopicConfigTable,
  TopicRoute,
  TopicStats,
  Tps,
} from "./schema";
export {
  type ConnectionFailure,
  RocketmqConnectionError,
  type RocketmqErrorKind,
  RocketmqProtocolError,
  RocketmqRemoteError,
  RocketmqTimeoutError,
} from "./errors";
export type { RocketmqRelease } from "./versions";
