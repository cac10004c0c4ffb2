import "server-only";
import { RequestCode } from "./codes";
import type { RemotingClient } from "./pool";
import { type CallOptions, call, headerNumber, parseBody, parseProperties } from "./request";
import { type ClusterInfo, clusterInfoSchema, type TopicRoute, topicListSchema, topicRouteSchema } from "./schema";

/** GET_BROKER_CLUSTER_INFO: clusters → broker groups → members (brokerId → address), as the NameServer sees them. */
export async function getClusterInfo(remoting: RemotingClient, namesrv: string, options?: CallOptions): Promise<ClusterInfo> {
  const response = await call(remoting, namesrv, RequestCode.GET_BROKER_CLUSTER_INFO, options);
  return parseBody(namesrv, response.body, clusterInfoSchema, "cluster info");
}

/** GET_ROUTEINFO_BY_TOPIC; a topic no broker has registered fails with RocketmqRemoteError TOPIC_NOT_EXIST (17). */
export async function getTopicRoute(remoting: RemotingClient, namesrv: string, topic: string, options?: CallOptions): Promise<TopicRoute> {
  const response = await call(remoting, namesrv, RequestCode.GET_ROUTEINFO_BY_TOPIC, { ...options, extFields: { topic } });
  return parseBody(namesrv, response.body, topicRouteSchema, `route of topic ${topic}`);
}

/** GET_NAMESRV_CONFIG: the NameServer's live configuration, key → value. */
export async function getNamesrvConfig(remoting: RemotingClient, namesrv: string, options?: CallOptions): Promise<Record<string, string>> {
  const response = await call(remoting, namesrv, RequestCode.GET_NAMESRV_CONFIG, options);
  return parseProperties(response.body);
}

/**
 * GET_ALL_TOPIC_LIST_FROM_NAMESERVER: every topic some broker registered, sorted; retry (%RETRY%…),
 * dead-letter (%DLQ%…) and system topics included (each cluster and broker group registers one named
 * after itself). A 5.x NameServer with enableAllTopicList=false refuses with SYSTEM_ERROR "disable".
 */
export async function getAllTopics(remoting: RemotingClient, namesrv: string, options?: CallOptions): Promise<string[]> {
  const response = await call(remoting, namesrv, RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, options);
  return parseBody(namesrv, response.body, topicListSchema, "topic list");
}

/**
 * GET_TOPICS_BY_CLUSTER: the topics with queues on a broker group of the cluster, sorted; an unknown
 * cluster has none. A 5.x NameServer with enableTopicList=false refuses with SYSTEM_ERROR "disable".
 */
export async function getTopicsByCluster(
  remoting: RemotingClient,
  namesrv: string,
  cluster: string,
  options?: CallOptions,
): Promise<string[]> {
  const response = await call(remoting, namesrv, RequestCode.GET_TOPICS_BY_CLUSTER, { ...options, extFields: { cluster } });
  return parseBody(namesrv, response.body, topicListSchema, `topics of cluster ${cluster}`);
}

/**
 * DELETE_TOPIC_IN_NAMESRV: forgets the topic's route on this NameServer (each NameServer keeps its own:
 * call every one). Delete it on the brokers first: a broker that still has the topic registers it again
 * with its next heartbeat (every 30 s). Succeeds for an unknown topic too. `cluster` limits the deletion
 * to that cluster's groups on 4.9.7+ and 5.x; older NameServers ignore it and delete the whole route.
 */
export async function deleteTopicInNamesrv(
  remoting: RemotingClient,
  namesrv: string,
  topic: string,
  options: CallOptions & { cluster?: string } = {},
): Promise<void> {
  const { cluster, ...rest } = options;
  const extFields: Record<string, string> = { topic, ...(cluster !== undefined && { clusterName: cluster }) };
  await call(remoting, namesrv, RequestCode.DELETE_TOPIC_IN_NAMESRV, { ...rest, extFields });
}

/**
 * WIPE_WRITE_PERM_OF_BROKER: this NameServer clears the write bit of every queue it routes to the broker group
 * `brokerName`, so producers refreshing their routes (every 30 s by default) send to the other groups; consumers
 * still read it. Each NameServer keeps its own routes: call every one. Returns how many topic routes it changed
 * (wipeTopicCount). Not sticky: when the group registers a changed topic table (a new topic, a new leader), the
 * NameServer takes the broker's permissions again, so a decommission checks the routes and wipes again.
 */
export async function wipeWritePermOfBroker(
  remoting: RemotingClient,
  namesrv: string,
  brokerName: string,
  options?: CallOptions,
): Promise<number> {
  const response = await call(remoting, namesrv, RequestCode.WIPE_WRITE_PERM_OF_BROKER, { ...options, extFields: { brokerName } });
  return headerNumber(namesrv, response, "wipeTopicCount", `wiping write permission of ${brokerName}`);
}
