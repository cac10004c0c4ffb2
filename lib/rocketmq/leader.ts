import "server-only";
import { getBrokerConfig } from "./broker";
import type { RemotingCommand } from "./codec";
import { DledgerResponseCode, ResponseCode } from "./codes";
import { RocketmqRemoteError } from "./errors";
import type { RemotingClient } from "./pool";
import { call, type RequestSpec } from "./request";

/**
 * Topic and subscription-group writes belong on a broker group's leader. A DLedger follower refuses them
 * on 4.9.7 only (SYSTEM_ERROR "Can't modify topic or subscription group from slave broker"); 4.9.3 and
 * 5.5.0 accept them into the follower's own table, which the NameServer never routes to (it takes queues
 * from brokerId 0 only) and the follower's next sync from its leader overwrites: a success that did
 * nothing. So a write first asks the broker its live role, and a follower fails with NOT_LEADER before
 * anything is written. The role can change between the two calls: the caller checks the route afterwards.
 */

/** The code and name a refused write carries: DLedger's own NOT_LEADER, on every version. */
const NOT_LEADER = 404;
const NOT_LEADER_NAME = DledgerResponseCode[NOT_LEADER];

/** 4.9.7's remark when a follower refuses a write itself (AdminBrokerProcessor.validateSlave). */
const FOLLOWER_REFUSAL = /from slave broker/i;

/** True for the error a write to a broker that is not its group's leader fails with. */
export function isNotLeaderError(error: unknown): error is RocketmqRemoteError {
  return error instanceof RocketmqRemoteError && error.codeName === NOT_LEADER_NAME && error.remoteCode === NOT_LEADER;
}

function notLeader(broker: string, requestCode: number, detail: string): RocketmqRemoteError {
  return new RocketmqRemoteError(broker, requestCode, NOT_LEADER, detail, NOT_LEADER_NAME);
}

/** Who the broker says it is: "it is DLedger follower n1 (brokerId 2) of broker group g1, not its leader; …". */
function describeFollower(config: Record<string, string>): string {
  const group = config.brokerName ? ` of broker group ${config.brokerName}` : "";
  const who = config.enableDLegerCommitLog === "true" ? `DLedger follower ${config.dLegerSelfId ?? ""}`.trim() : "a slave";
  return `it is ${who} (brokerId ${config.brokerId ?? "?"})${group}, not its leader; write to the leader (brokerId 0 in the NameServer)`;
}

/** Fails with NOT_LEADER unless `broker` says it leads its group now (for a write of request `code`). */
export async function assertLeader(remoting: RemotingClient, broker: string, code: number, options: { timeoutMs?: number } = {}) {
  const config = await getBrokerConfig(remoting, broker, { timeoutMs: options.timeoutMs });
  // A DLedger node is SLAVE while it follows or campaigns, and until an elected leader has caught up.
  if (config.brokerRole === "SLAVE") throw notLeader(broker, code, describeFollower(config));
}

/** Sends a write to a broker once it has confirmed it leads its group; insists on SUCCESS like call(). */
export async function callLeader(remoting: RemotingClient, broker: string, code: number, spec: RequestSpec = {}): Promise<RemotingCommand> {
  await assertLeader(remoting, broker, code, spec);
  try {
    return await call(remoting, broker, code, spec);
  } catch (error) {
    if (
      error instanceof RocketmqRemoteError &&
      error.remoteCode === ResponseCode.SYSTEM_ERROR &&
      FOLLOWER_REFUSAL.test(error.remark ?? "")
    ) {
      throw notLeader(broker, code, `it stopped leading its broker group before the write arrived; it said: ${error.remark}`);
    }
    throw error;
  }
}
