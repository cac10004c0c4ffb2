import "server-only";
import { RequestCode, ResponseCode } from "./codes";
import { RocketmqRemoteError } from "./errors";
import { callLeader } from "./leader";
import type { RemotingClient } from "./pool";
import { type CallOptions, call, headerNumber, parseBody, remoteError, send } from "./request";
import { type ResetOffsets, resetOffsetBodySchema } from "./schema";

/**
 * Offsets of one queue on one broker: the queue's bounds, the offset of a point in time, and a consumer group's
 * committed offset. Queue offsets count messages (0, 1, 2 … per queue), not bytes.
 */

export interface QueueRef {
  topic: string;
  queueId: number;
}

const queueFields = ({ topic, queueId }: QueueRef) => ({ topic, queueId: String(queueId) });

/** GET_MAX_OFFSET: the offset the queue's next message gets (messages stored so far, counting deleted ones). */
export async function getMaxOffset(remoting: RemotingClient, broker: string, queue: QueueRef, options?: CallOptions): Promise<number> {
  // 5.x would count only committed (replicated) messages with committed=true; its default is the same as 4.9.x's.
  const response = await call(remoting, broker, RequestCode.GET_MAX_OFFSET, { ...options, extFields: queueFields(queue) });
  return headerNumber(broker, response, "offset", `max offset of ${queue.topic}/${queue.queueId}`);
}

/** GET_MIN_OFFSET: the offset of the queue's oldest message still stored. */
export async function getMinOffset(remoting: RemotingClient, broker: string, queue: QueueRef, options?: CallOptions): Promise<number> {
  const response = await call(remoting, broker, RequestCode.GET_MIN_OFFSET, { ...options, extFields: queueFields(queue) });
  return headerNumber(broker, response, "offset", `min offset of ${queue.topic}/${queue.queueId}`);
}

/**
 * SEARCH_OFFSET_BY_TIMESTAMP: the offset of the first message stored at or after `timestamp` (ms since the
 * epoch, store time); the min offset when every message is newer. When every message is older, 4.9.x answers
 * the newest message's offset (max − 1) and 5.5.0 the max offset. 5.x could also be asked for the last message
 * at or before it (boundaryType UPPER); this asks what 4.9.x answers (LOWER).
 */
export async function searchOffset(
  remoting: RemotingClient,
  broker: string,
  queue: QueueRef & { timestamp: number },
  options?: CallOptions,
): Promise<number> {
  const extFields = { ...queueFields(queue), timestamp: String(queue.timestamp), boundaryType: "LOWER" };
  const response = await call(remoting, broker, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { ...options, extFields });
  return headerNumber(broker, response, "offset", `offset at ${queue.timestamp} in ${queue.topic}/${queue.queueId}`);
}

/**
 * QUERY_CONSUMER_OFFSET: the offset `consumerGroup` committed for the queue; null when it never committed one
 * (4.9.x answers 0 instead while the queue still holds its first message in memory, as a new consumer would start).
 */
export async function queryConsumerOffset(
  remoting: RemotingClient,
  broker: string,
  consumerGroup: string,
  queue: QueueRef,
  options?: CallOptions,
): Promise<number | null> {
  const code = RequestCode.QUERY_CONSUMER_OFFSET;
  // setZeroIfNotFound=false: 5.x would otherwise answer 0 for a group that never committed.
  const extFields = { consumerGroup, ...queueFields(queue), setZeroIfNotFound: "false" };
  const response = await send(remoting, broker, code, { ...options, extFields });
  if (response.code === ResponseCode.QUERY_NOT_FOUND) return null;
  if (response.code !== ResponseCode.SUCCESS) throw remoteError(broker, code, response);
  return headerNumber(broker, response, "offset", `offset of ${consumerGroup} in ${queue.topic}/${queue.queueId}`);
}

/** 5.5.0's remark when it keeps a reset offset instead of the commit (ConsumerManageProcessor). */
const RESET_PENDING = /previously reset/i;

export type UpdateConsumerOffsetResult =
  | { status: "updated" }
  /** 5.x: an offset reset is pending for the queue and wins; the broker answered SUCCESS but kept the reset offset. */
  | { status: "resetPending"; remark: string };

/**
 * UPDATE_CONSUMER_OFFSET on the group's leader: sets `consumerGroup`'s committed offset of one queue, as a
 * consumer's commit does. The broker keeps it in memory and writes consumerOffset.json every 5 s
 * (flushConsumerOffsetInterval); followers copy it from the leader. A consumer that starts later begins there;
 * one that is online overwrites it with its own next commit (within 5 s), so reset a live group with
 * resetOffset instead. 5.x refuses a group or topic it does not know (SUBSCRIPTION_GROUP_NOT_EXIST,
 * TOPIC_NOT_EXIST); 4.9.x stores any. After a 5.x server-side reset (resetOffset), the broker ignores commits
 * to the queue until a consumer of the group has pulled it: `{ status: "resetPending" }`.
 */
export async function updateConsumerOffset(
  remoting: RemotingClient,
  leader: string,
  update: QueueRef & { consumerGroup: string; offset: number },
  options?: CallOptions,
): Promise<UpdateConsumerOffsetResult> {
  const extFields = { consumerGroup: update.consumerGroup, ...queueFields(update), commitOffset: String(update.offset) };
  const response = await callLeader(remoting, leader, RequestCode.UPDATE_CONSUMER_OFFSET, { ...options, extFields });
  return response.remark && RESET_PENDING.test(response.remark)
    ? { status: "resetPending", remark: response.remark }
    : { status: "updated" };
}

export type ResetOffsetResult =
  /** The offsets per queue of this broker the broker chose (sorted by topic, broker name, queue id). */
  | { status: "reset"; queues: ResetOffsets }
  /** 4.9.x only: nobody of the group is connected to this broker, and nothing changed. */
  | { status: "noConsumerOnline"; remark: string | null };

/**
 * INVOKE_BROKER_TO_RESET_OFFSET on the group's leader: moves `group`'s offsets of `topic` on this broker to the
 * first message stored at or after `timestamp` (0: the earliest message; -1: the latest offset, skipping
 * everything), and answers the offset chosen per queue.
 *
 * What happens depends on the version:
 * - 4.9.x pushes the offsets to every client of the group connected to this broker (RESET_CONSUMER_CLIENT_OFFSET):
 *   a push consumer drops what it holds, re-reads from there (about 10 s later: the client pauses its queues that
 *   long) and commits it; a pull consumer ignores it.
 *   Without `force`, a queue whose committed offset is already before the target keeps it. With no client
 *   online it answers CONSUMER_NOT_ONLINE and commits nothing: `{ status: "noConsumerOnline" }`. Nothing is
 *   committed by the broker itself, so a client that was online but ignored the push leaves the old offsets.
 * - 5.5.0 (useServerSideResetOffset, its default) commits the offsets itself, online or not, and its clients
 *   pick them up at their next pull (the broker answers their pull with the new offset; a consumer long-polling an
 *   idle queue sees it when that poll ends, within 15 s): never
 *   noConsumerOnline. `force` is ignored (every queue moves), and a group the broker does not know fails
 *   with SUBSCRIPTION_GROUP_NOT_EXIST.
 */
export async function resetOffset(
  remoting: RemotingClient,
  leader: string,
  request: { topic: string; group: string; timestamp: number; force?: boolean },
  options?: CallOptions,
): Promise<ResetOffsetResult> {
  const extFields = {
    topic: request.topic,
    group: request.group,
    timestamp: String(request.timestamp),
    isForce: String(request.force ?? true),
    // 5.x: every queue (4.9.x has no such field and resets every queue anyway).
    queueId: "-1",
  };
  try {
    const response = await callLeader(remoting, leader, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, { ...options, extFields });
    const queues = parseBody(leader, response.body, resetOffsetBodySchema, `offsets reset for ${request.group} on ${request.topic}`);
    return { status: "reset", queues };
  } catch (error) {
    if (error instanceof RocketmqRemoteError && error.remoteCode === ResponseCode.CONSUMER_NOT_ONLINE) {
      return { status: "noConsumerOnline", remark: error.remark ?? null };
    }
    throw error;
  }
}
