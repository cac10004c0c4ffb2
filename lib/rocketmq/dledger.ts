import "server-only";
import type { z } from "zod";
import { DLEDGER_OUTER_SUCCESS, DledgerRequestCode } from "./codes";
import { RocketmqProtocolError, RocketmqRemoteError, dledgerResponseName, responseName } from "./errors";
import type { RemotingClient } from "./pool";
import { type CallOptions, parseBody, send } from "./request";
import { type DledgerMemberState, type DledgerMetadata, type DledgerRole, dledgerMetadataSchema, dledgerResponseSchema } from "./schema";

/**
 * Calls on a broker's DLedger peer port (the node's entry in dLegerPeers). Same framing as RocketMQ,
 * JSON header only (codes ≥ 50000 do not fit the binary header's int16). A reply's outer code is
 * 200 on success, not 0; the outcome is the `code` inside the JSON body.
 */
export interface DledgerMember {
  group: string;
  selfId: string;
}

const SUCCESS = 200;
const UNKNOWN_MEMBER = 401;
/** Not a peer of any group: a HEART_BEAT from it is rejected before it can touch the member's state. */
const PROBE_LEADER_ID = "rmq-panel-probe";

async function dledgerCall<S extends z.ZodType>(
  remoting: RemotingClient,
  address: string,
  code: number,
  request: Record<string, unknown>,
  schema: S,
  options?: CallOptions,
): Promise<z.output<S>> {
  const response = await send(remoting, address, code, { ...options, body: Buffer.from(JSON.stringify(request)) });
  if (response.code !== DLEDGER_OUTER_SUCCESS) {
    // 3 REQUEST_CODE_NOT_SUPPORTED: a DLedger without this call (LEADERSHIP_TRANSFER needs 0.2.0+).
    throw new RocketmqRemoteError(address, code, response.code, response.remark, responseName(response.code));
  }
  return parseBody(address, response.body, schema, "DLedger response");
}

function remoteError(address: string, code: number, body: { code: number; leaderId?: string | null }) {
  const hint = body.leaderId ? `leader is ${body.leaderId}` : undefined;
  return new RocketmqRemoteError(address, code, body.code, hint, dledgerResponseName(body.code));
}

/** METADATA: group, peers and the leader this member follows. The reply's `term` is always -1: see getDledgerTerm. */
export async function getDledgerMetadata(
  remoting: RemotingClient,
  address: string,
  member: DledgerMember,
  options?: CallOptions,
): Promise<DledgerMetadata> {
  const request = { group: member.group, remoteId: member.selfId };
  const body = await dledgerCall(remoting, address, DledgerRequestCode.METADATA, request, dledgerMetadataSchema, options);
  // 400 UNKNOWN_GROUP / 401 UNKNOWN_MEMBER: the address belongs to another group or node.
  if (body.code !== SUCCESS) throw remoteError(address, DledgerRequestCode.METADATA, body);
  return {
    group: body.group ?? member.group,
    selfId: member.selfId,
    leaderId: body.leaderId ?? null,
    peers: { ...(body.peers ?? {}) },
  };
}

/**
 * The member's current term. DLedger has no call for it; a HEART_BEAT naming a leader that is not a
 * peer is answered UNKNOWN_MEMBER with the current term and changes nothing (the node logs a WARN
 * "[BUG] [HandleHeartBeat] ... unknown member" per probe). A wrong group/selfId is also UNKNOWN_MEMBER
 * but echoes our term -1, which tells the two apart.
 */
export async function getDledgerTerm(
  remoting: RemotingClient,
  address: string,
  member: DledgerMember,
  options?: CallOptions,
): Promise<number> {
  const request = { group: member.group, remoteId: member.selfId, localId: PROBE_LEADER_ID, leaderId: PROBE_LEADER_ID, term: -1 };
  const body = await dledgerCall(remoting, address, DledgerRequestCode.HEART_BEAT, request, dledgerResponseSchema, options);
  if (body.code === UNKNOWN_MEMBER && body.term !== undefined && body.term >= 0) return body.term;
  if (body.code === UNKNOWN_MEMBER || body.code === 400) {
    throw new RocketmqRemoteError(
      address,
      DledgerRequestCode.HEART_BEAT,
      body.code,
      `${address} is not member ${member.selfId} of group ${member.group}`,
      dledgerResponseName(body.code),
    );
  }
  throw new RocketmqProtocolError(address, `term probe answered ${dledgerResponseName(body.code)} instead of UNKNOWN_MEMBER`);
}

export function roleOf(selfId: string, leaderId: string | null): DledgerRole {
  if (leaderId === null) return "candidate";
  return leaderId === selfId ? "leader" : "follower";
}

/** Metadata and term together, with the role this member plays. */
export async function getDledgerMemberState(
  remoting: RemotingClient,
  address: string,
  member: DledgerMember,
  options?: CallOptions,
): Promise<DledgerMemberState> {
  const [metadata, term] = await Promise.all([
    getDledgerMetadata(remoting, address, member, options),
    getDledgerTerm(remoting, address, member, options),
  ]);
  return { ...metadata, term, role: roleOf(member.selfId, metadata.leaderId) };
}

export interface LeadershipTransfer {
  group: string;
  /** The current leader; the request goes to its DLedger address. */
  leaderId: string;
  transfereeId: string;
  /** The leader's current term; read with getDledgerTerm when omitted. */
  term?: number;
}

/**
 * LEADERSHIP_TRANSFER (DLedger 0.2.0+; RocketMQ 4.9.3 ships 0.2.3): the leader hands over to the
 * transferee, which must be fewer than 1000 entries behind (else FALL_BEHIND_TOO_MUCH). Resolves
 * with the new term once the transferee has taken over.
 */
export async function transferDledgerLeadership(
  remoting: RemotingClient,
  leaderAddress: string,
  transfer: LeadershipTransfer,
  options: CallOptions = {},
): Promise<{ term: number }> {
  const term =
    transfer.term ?? (await getDledgerTerm(remoting, leaderAddress, { group: transfer.group, selfId: transfer.leaderId }, options));
  const request = {
    group: transfer.group,
    remoteId: transfer.leaderId,
    localId: PROBE_LEADER_ID,
    leaderId: transfer.leaderId,
    transferId: transfer.leaderId,
    transfereeId: transfer.transfereeId,
    term,
  };
  // The leader asks the transferee with its own 3 s deadline, then the transferee runs an election.
  const timeoutMs = options.timeoutMs ?? 10_000;
  const body = await dledgerCall(remoting, leaderAddress, DledgerRequestCode.LEADERSHIP_TRANSFER, request, dledgerResponseSchema, {
    timeoutMs,
  });
  if (body.code !== SUCCESS) throw remoteError(leaderAddress, DledgerRequestCode.LEADERSHIP_TRANSFER, body);
  return { term: body.term ?? term + 1 };
}
