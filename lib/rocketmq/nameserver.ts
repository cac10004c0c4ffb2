import "server-only";
import { RequestCode } from "./codes";
import type { RemotingClient } from "./pool";
import { type CallOptions, call, parseBody, parseProperties } from "./request";
import { type ClusterInfo, clusterInfoSchema, type TopicRoute, topicRouteSchema } from "./schema";

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
