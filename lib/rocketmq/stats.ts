import "server-only";
import { RequestCode, ResponseCode } from "./codes";
import type { RemotingClient } from "./pool";
import { type CallOptions, parseBody, remoteError, send } from "./request";
import { type BrokerStatsData, brokerStatsDataSchema, type ConsumerRunningInfo, consumerRunningInfoSchema } from "./schema";

/** The broker's remark when the client asked for is not connected to it (AdminBrokerProcessor.callConsumer). */
const CONSUMER_NOT_ONLINE = /not online/i;
/** The broker's remark for a stats item nobody has counted yet. */
const STATS_NOT_EXIST = /not exist/i;

/**
 * GET_CONSUMER_RUNNING_INFO: the broker asks the client `clientId` of `consumerGroup` (connected to it) for its
 * running state and relays the answer; the panel reads which queues it holds. null when that client is not
 * connected to this broker. jstack is never asked for (it would make the client dump its threads).
 */
export async function getConsumerRunningInfo(
  remoting: RemotingClient,
  broker: string,
  request: { consumerGroup: string; clientId: string },
  options?: CallOptions,
): Promise<ConsumerRunningInfo | null> {
  const code = RequestCode.GET_CONSUMER_RUNNING_INFO;
  const extFields = { consumerGroup: request.consumerGroup, clientId: request.clientId, jstackEnable: "false" };
  const response = await send(remoting, broker, code, { ...options, extFields });
  if (response.code === ResponseCode.SYSTEM_ERROR && CONSUMER_NOT_ONLINE.test(response.remark ?? "")) return null;
  if (response.code !== ResponseCode.SUCCESS) throw remoteError(broker, code, response);
  return parseBody(broker, response.body, consumerRunningInfoSchema, `running info of ${request.clientId}`);
}

/**
 * VIEW_BROKER_STATS_DATA TOPIC_PUT_NUMS: messages written to `topic` on this broker over the last minute, hour
 * and day (sum, tps, average per sample); statsMinute.tps is its put TPS. null for a topic nobody wrote to
 * since the broker started (the stats item does not exist yet).
 */
export async function getTopicPutStats(
  remoting: RemotingClient,
  broker: string,
  topic: string,
  options?: CallOptions,
): Promise<BrokerStatsData | null> {
  const code = RequestCode.VIEW_BROKER_STATS_DATA;
  const response = await send(remoting, broker, code, { ...options, extFields: { statsName: "TOPIC_PUT_NUMS", statsKey: topic } });
  if (response.code === ResponseCode.SYSTEM_ERROR && STATS_NOT_EXIST.test(response.remark ?? "")) return null;
  if (response.code !== ResponseCode.SUCCESS) throw remoteError(broker, code, response);
  return parseBody(broker, response.body, brokerStatsDataSchema, `put stats of topic ${topic}`);
}
