import "server-only";
import { getBrokerConfig, getBrokerRuntimeInfo } from "./broker";
import {
  type DledgerMember,
  getDledgerMemberState,
  getDledgerMetadata,
  getDledgerTerm,
  type LeadershipTransfer,
  transferDledgerLeadership,
} from "./dledger";
import {
  createOrUpdateSubscriptionGroup,
  deleteSubscriptionGroup,
  getAllSubscriptionGroups,
  getConsumerConnections,
  getConsumeStats,
  getTopicConsumers,
  type SubscriptionGroupWrite,
} from "./groups";
import {
  deleteTopicInNamesrv,
  getAllTopics,
  getClusterInfo,
  getNamesrvConfig,
  getTopicRoute,
  getTopicsByCluster,
  wipeWritePermOfBroker,
} from "./nameserver";
import {
  type OutgoingMessage,
  pullMessages,
  type QueryRequest,
  queryMessagesByKey,
  queryMessagesByUniqueKey,
  sendMessage,
  viewMessage,
} from "./messages";
import { getMaxOffset, getMinOffset, type QueueRef, queryConsumerOffset, resetOffset, searchOffset, updateConsumerOffset } from "./offsets";
import { RemotingClient, type RemotingClientOptions } from "./pool";
import type { CallOptions } from "./request";
import { getConsumerRunningInfo, getTopicPutStats } from "./stats";
import { createOrUpdateTopic, deleteTopicInBroker, getAllTopicConfigs, getTopicStats, type TopicWrite } from "./topics";

/**
 * The admin client: NameServer, broker and DLedger calls over one connection pool.
 * Create one per process (or per poller), close it when done: close() releases every socket.
 * Writes (topics, subscription groups, offsets, sends) go to a broker group's leader: on any other member they
 * fail with NOT_LEADER (isNotLeaderError) and change nothing. Reads work on any member.
 */
export function createRocketmqClient(options: RemotingClientOptions = {}) {
  const remoting = new RemotingClient(options);
  return {
    getClusterInfo: (namesrv: string, o?: CallOptions) => getClusterInfo(remoting, namesrv, o),
    getTopicRoute: (namesrv: string, topic: string, o?: CallOptions) => getTopicRoute(remoting, namesrv, topic, o),
    getNamesrvConfig: (namesrv: string, o?: CallOptions) => getNamesrvConfig(remoting, namesrv, o),
    getAllTopics: (namesrv: string, o?: CallOptions) => getAllTopics(remoting, namesrv, o),
    getTopicsByCluster: (namesrv: string, cluster: string, o?: CallOptions) => getTopicsByCluster(remoting, namesrv, cluster, o),
    deleteTopicInNamesrv: (namesrv: string, topic: string, o?: CallOptions & { cluster?: string }) =>
      deleteTopicInNamesrv(remoting, namesrv, topic, o),
    wipeWritePermOfBroker: (namesrv: string, brokerName: string, o?: CallOptions) =>
      wipeWritePermOfBroker(remoting, namesrv, brokerName, o),
    getBrokerRuntimeInfo: (broker: string, o?: CallOptions) => getBrokerRuntimeInfo(remoting, broker, o),
    getBrokerConfig: (broker: string, o?: CallOptions) => getBrokerConfig(remoting, broker, o),
    createOrUpdateTopic: (leader: string, topic: TopicWrite, o?: CallOptions) => createOrUpdateTopic(remoting, leader, topic, o),
    deleteTopicInBroker: (leader: string, topic: string, o?: CallOptions) => deleteTopicInBroker(remoting, leader, topic, o),
    getAllTopicConfigs: (broker: string, o?: CallOptions) => getAllTopicConfigs(remoting, broker, o),
    getTopicStats: (broker: string, topic: string, o?: CallOptions) => getTopicStats(remoting, broker, topic, o),
    createOrUpdateSubscriptionGroup: (leader: string, group: SubscriptionGroupWrite, o?: CallOptions) =>
      createOrUpdateSubscriptionGroup(remoting, leader, group, o),
    deleteSubscriptionGroup: (leader: string, group: string, o?: CallOptions & { cleanOffset?: boolean }) =>
      deleteSubscriptionGroup(remoting, leader, group, o),
    getAllSubscriptionGroups: (broker: string, o?: CallOptions) => getAllSubscriptionGroups(remoting, broker, o),
    getConsumerConnections: (broker: string, group: string, o?: CallOptions) => getConsumerConnections(remoting, broker, group, o),
    getConsumeStats: (broker: string, group: string, o?: CallOptions & { topic?: string }) => getConsumeStats(remoting, broker, group, o),
    getTopicConsumers: (broker: string, topic: string, o?: CallOptions) => getTopicConsumers(remoting, broker, topic, o),
    getMaxOffset: (broker: string, queue: QueueRef, o?: CallOptions) => getMaxOffset(remoting, broker, queue, o),
    getMinOffset: (broker: string, queue: QueueRef, o?: CallOptions) => getMinOffset(remoting, broker, queue, o),
    searchOffset: (broker: string, queue: QueueRef & { timestamp: number }, o?: CallOptions) => searchOffset(remoting, broker, queue, o),
    queryConsumerOffset: (broker: string, group: string, queue: QueueRef, o?: CallOptions) =>
      queryConsumerOffset(remoting, broker, group, queue, o),
    updateConsumerOffset: (leader: string, update: QueueRef & { consumerGroup: string; offset: number }, o?: CallOptions) =>
      updateConsumerOffset(remoting, leader, update, o),
    resetOffset: (leader: string, request: { topic: string; group: string; timestamp: number; force?: boolean }, o?: CallOptions) =>
      resetOffset(remoting, leader, request, o),
    getConsumerRunningInfo: (broker: string, request: { consumerGroup: string; clientId: string }, o?: CallOptions) =>
      getConsumerRunningInfo(remoting, broker, request, o),
    getTopicPutStats: (broker: string, topic: string, o?: CallOptions) => getTopicPutStats(remoting, broker, topic, o),
    pullMessages: (broker: string, request: { topic: string; queueId: number; offset: number; maxMessages: number }, o?: CallOptions) =>
      pullMessages(remoting, broker, request, o),
    queryMessagesByKey: (broker: string, request: QueryRequest & { key: string }, o?: CallOptions) =>
      queryMessagesByKey(remoting, broker, request, o),
    queryMessagesByUniqueKey: (broker: string, request: QueryRequest & { uniqueKey: string }, o?: CallOptions) =>
      queryMessagesByUniqueKey(remoting, broker, request, o),
    viewMessage: (storeHost: string, commitLogOffset: number, o?: CallOptions) => viewMessage(remoting, storeHost, commitLogOffset, o),
    sendMessage: (leader: string, message: OutgoingMessage, o?: CallOptions) => sendMessage(remoting, leader, message, o),
    getDledgerMetadata: (address: string, member: DledgerMember, o?: CallOptions) => getDledgerMetadata(remoting, address, member, o),
    getDledgerTerm: (address: string, member: DledgerMember, o?: CallOptions) => getDledgerTerm(remoting, address, member, o),
    getDledgerMemberState: (address: string, member: DledgerMember, o?: CallOptions) => getDledgerMemberState(remoting, address, member, o),
    transferDledgerLeadership: (leaderAddress: string, transfer: LeadershipTransfer, o?: CallOptions) =>
      transferDledgerLeadership(remoting, leaderAddress, transfer, o),
    /** Addresses with an open pooled connection. */
    openAddresses: () => remoting.openAddresses,
    close: () => remoting.close(),
  };
}

export type RocketmqClient = ReturnType<typeof createRocketmqClient>;
