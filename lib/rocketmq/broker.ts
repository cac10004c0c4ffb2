import "server-only";
import { RequestCode } from "./codes";
import type { RemotingClient } from "./pool";
import { type CallOptions, call, parseBody, parseProperties } from "./request";
import { type BrokerRuntimeInfo, brokerRuntimeInfoSchema } from "./schema";

/** GET_BROKER_RUNTIME_INFO: version, boot time, TPS, commit-log disk ratio and offsets, queue sizes. */
export async function getBrokerRuntimeInfo(remoting: RemotingClient, broker: string, options?: CallOptions): Promise<BrokerRuntimeInfo> {
  const response = await call(remoting, broker, RequestCode.GET_BROKER_RUNTIME_INFO, options);
  return parseBody(broker, response.body, brokerRuntimeInfoSchema, "broker runtime info");
}

/**
 * GET_BROKER_CONFIG: the broker's live configuration, Java field name → value. `brokerRole` and
 * `brokerId` are current, which is how 4.x tells a DLedger node's role.
 */
export async function getBrokerConfig(remoting: RemotingClient, broker: string, options?: CallOptions): Promise<Record<string, string>> {
  const response = await call(remoting, broker, RequestCode.GET_BROKER_CONFIG, options);
  return parseProperties(response.body);
}
