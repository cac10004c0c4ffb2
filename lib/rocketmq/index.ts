/**
 * lib/rocketmq: speaks RocketMQ's remoting protocol to NameServers, brokers and DLedger peer ports.
 *
 *   const rocketmq = createRocketmqClient({ timeoutMs: 3000 });
 *   const info = await rocketmq.getClusterInfo("10.0.0.1:9876");
 *   const state = await rocketmq.getDledgerMemberState("10.0.0.2:40911", { group: "g1", selfId: "n0" });
 *   await rocketmq.close();
 *
 * Every failure is a RocketmqError: RocketmqTimeoutError, RocketmqConnectionError,
 * RocketmqProtocolError or RocketmqRemoteError (the peer's code and remark).
 */
import "server-only";

export { createRocketmqClient, type RocketmqClient } from "./client";
export type { RemotingClientOptions } from "./pool";
export type { CallOptions } from "./request";
export type { DledgerMember, LeadershipTransfer } from "./dledger";

export type {
  BrokerGroupView,
  BrokerMember,
  BrokerRuntimeInfo,
  ClusterInfo,
  DledgerMemberState,
  DledgerMetadata,
  DledgerRole,
  TopicRoute,
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
