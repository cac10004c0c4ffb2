import "server-only";
import type { RemotingCommand } from "./codec";
import { RequestCode, ResponseCode } from "./codes";
import { RocketmqProtocolError } from "./errors";
import { assertLeader } from "./leader";
import { decodeMessages, encodeProperties, MessageFormatError, MessageProperty, type StoredMessage } from "./message-format";
import { createUniqueKeyGenerator } from "./message-id";
import type { RemotingClient } from "./pool";
import { type CallOptions, headerNumber, remoteError, send } from "./request";

/**
 * Messages on one broker: read a queue at an offset, find messages by key or unique id, read one record by its
 * commit-log offset, and send one. Bodies come back decoded (message-format.ts), compressed ones decompressed.
 */

/** Built into every broker (MixAll.TOOLS_CONSUMER_GROUP): reading as it creates no group and moves no one's offset. */
const READER_GROUP = "TOOLS_CONSUMER";
/** PullSysFlag.FLAG_SUBSCRIPTION: the subscription comes with the request, not from a registered consumer. */
const PULL_FLAG_SUBSCRIPTION = 0x4;
/** MixAll.UNIQUE_MSG_QUERY_FLAG: QUERY_MESSAGE's key is a unique id (UNIQ_KEY). */
const UNIQUE_KEY_QUERY_FLAG = "_UNIQUE_KEY_QUERY";

/** The client's names for a pull's outcome (PullStatus). */
export type PullStatus = "FOUND" | "NO_NEW_MSG" | "NO_MATCHED_MSG" | "OFFSET_MOVED";

const PULL_STATUS: Record<number, PullStatus> = {
  [ResponseCode.SUCCESS]: "FOUND",
  [ResponseCode.PULL_NOT_FOUND]: "NO_NEW_MSG",
  [ResponseCode.PULL_RETRY_IMMEDIATELY]: "NO_MATCHED_MSG",
  [ResponseCode.PULL_OFFSET_MOVED]: "OFFSET_MOVED",
};

export interface PullResult {
  /** FOUND with messages; NO_NEW_MSG at the queue's end; OFFSET_MOVED for an offset outside min..max. */
  status: PullStatus;
  messages: StoredMessage[];
  /**
   * Where the next pull starts: after the last message read, or the broker's correction after OFFSET_MOVED
   * (past the end: 4.9.3 answers the min offset, 4.9.7 and 5.5.0 the max offset).
   */
  nextBeginOffset: number;
  minOffset: number;
  maxOffset: number;
}

/**
 * PULL_MESSAGE: up to `maxMessages` messages of one queue from `offset` on, at once (no long polling: the broker
 * answers NO_NEW_MSG rather than wait), every tag ("*"), committing nothing. The broker caps one answer at
 * 32 messages or 256 KiB of messages still in memory (less from disk): pull again from nextBeginOffset.
 */
export async function pullMessages(
  remoting: RemotingClient,
  broker: string,
  request: { topic: string; queueId: number; offset: number; maxMessages: number },
  options?: CallOptions,
): Promise<PullResult> {
  const code = RequestCode.PULL_MESSAGE;
  const extFields = {
    consumerGroup: READER_GROUP,
    topic: request.topic,
    queueId: String(request.queueId),
    queueOffset: String(request.offset),
    maxMsgNums: String(request.maxMessages),
    sysFlag: String(PULL_FLAG_SUBSCRIPTION),
    commitOffset: "0",
    suspendTimeoutMillis: "0",
    subscription: "*",
    subVersion: "0",
    expressionType: "TAG",
  };
  const response = await send(remoting, broker, code, { ...options, extFields });
  const status = PULL_STATUS[response.code];
  if (!status) throw remoteError(broker, code, response);
  const what = `pull of ${request.topic}/${request.queueId}`;
  return {
    status,
    messages: status === "FOUND" ? decodeBody(broker, response, what) : [],
    nextBeginOffset: headerNumber(broker, response, "nextBeginOffset", what),
    minOffset: headerNumber(broker, response, "minOffset", what),
    maxOffset: headerNumber(broker, response, "maxOffset", what),
  };
}

export interface QueryRequest {
  topic: string;
  /** At most this many index hits (the broker caps it at 64; a unique-id query always asks for its default, 32). */
  maxMessages?: number;
  /** Store time window, ms since the epoch; default everything. */
  beginTimestamp?: number;
  endTimestamp?: number;
}

/**
 * QUERY_MESSAGE by key: the messages of `topic` on this broker whose KEYS include `key`, found through the
 * broker's index files (written a moment after the message; a just-sent message may not be found yet), oldest
 * first. The index is by hash, so other keys' messages are filtered out here. 4.9.x and 5.x answer alike
 * (5.x's indexType and lastKey fields are left out: the classic index).
 */
export async function queryMessagesByKey(
  remoting: RemotingClient,
  broker: string,
  request: QueryRequest & { key: string },
  options?: CallOptions,
): Promise<StoredMessage[]> {
  const found = await queryMessages(remoting, broker, request, {}, options);
  return found.filter((message) => message.keys.includes(request.key));
}

/**
 * QUERY_MESSAGE by unique id (UNIQ_KEY, the id clients show): the broker indexes it like a key. Usually one
 * message; several when a producer retried a send that had arrived; none when it is not on this broker.
 */
export async function queryMessagesByUniqueKey(
  remoting: RemotingClient,
  broker: string,
  request: QueryRequest & { uniqueKey: string },
  options?: CallOptions,
): Promise<StoredMessage[]> {
  const found = await queryMessages(remoting, broker, { ...request, key: request.uniqueKey }, { [UNIQUE_KEY_QUERY_FLAG]: "true" }, options);
  return found.filter((message) => message.uniqueKey === request.uniqueKey);
}

async function queryMessages(
  remoting: RemotingClient,
  broker: string,
  request: QueryRequest & { key: string },
  flags: Record<string, string>,
  options?: CallOptions,
): Promise<StoredMessage[]> {
  const code = RequestCode.QUERY_MESSAGE;
  const extFields = {
    topic: request.topic,
    key: request.key,
    maxNum: String(request.maxMessages ?? 32),
    beginTimestamp: String(request.beginTimestamp ?? 0),
    endTimestamp: String(request.endTimestamp ?? Number.MAX_SAFE_INTEGER),
    ...flags,
  };
  const response = await send(remoting, broker, code, { ...options, extFields });
  if (response.code === ResponseCode.QUERY_NOT_FOUND) return [];
  if (response.code !== ResponseCode.SUCCESS) throw remoteError(broker, code, response);
  return decodeBody(broker, response, `messages of ${request.topic} with key ${request.key}`);
}

/** The broker's remark for an offset that holds no record (4.9.x and 5.x). */
const NO_MESSAGE_AT_OFFSET = /can ?not find message/i;

/**
 * VIEW_MESSAGE_BY_ID: the record at `commitLogOffset` of this broker's commit log, the one an offset id names
 * (send it to the id's store host). null when nothing starts there: no record, or bytes that are not one.
 */
export async function viewMessage(
  remoting: RemotingClient,
  broker: string,
  commitLogOffset: number,
  options?: CallOptions,
): Promise<StoredMessage | null> {
  const code = RequestCode.VIEW_MESSAGE_BY_ID;
  const response = await send(remoting, broker, code, { ...options, extFields: { offset: String(commitLogOffset) } });
  if (response.code === ResponseCode.SYSTEM_ERROR && NO_MESSAGE_AT_OFFSET.test(response.remark ?? "")) return null;
  if (response.code !== ResponseCode.SUCCESS) throw remoteError(broker, code, response);
  try {
    const [message, ...rest] = decodeMessages(response.body ?? Buffer.alloc(0));
    return message && rest.length === 0 && message.commitLogOffset === commitLogOffset ? message : null;
  } catch (error) {
    if (error instanceof MessageFormatError) return null;
    throw error;
  }
}

export interface OutgoingMessage {
  topic: string;
  queueId: number;
  body: Buffer;
  /** Default "RMQ_PANEL_PRODUCER"; it need not exist on the broker. */
  producerGroup?: string;
  tags?: string;
  keys?: string[];
  /**
   * Further properties, sent as given (they win over tags and keys). A unique id (UNIQ_KEY) is made unless one is
   * given. To resend a dead-letter message to its group, send it to `%RETRY%<group>` with RETRY_TOPIC set to the
   * topic it came from and ORIGIN_MESSAGE_ID to its id: the group's push consumers read their retry topic, and
   * a consumer restores a message's topic from RETRY_TOPIC before its listener sees it, so the application gets
   * it as a message of the original topic (with reconsumeTimes from the header below).
   */
  properties?: Record<string, string>;
  /** Default 0. To a retry topic: redeliveries so far; at or over the group's retryMaxTimes it goes to the DLQ. */
  reconsumeTimes?: number;
  /** To a retry topic: overrides the group's retryMaxTimes for this message. */
  maxReconsumeTimes?: number;
}

/** Stored; anything but SEND_OK means stored but not yet flushed or replicated as the broker is configured to. */
export type SendStatus = "SEND_OK" | "FLUSH_DISK_TIMEOUT" | "FLUSH_SLAVE_TIMEOUT" | "SLAVE_NOT_AVAILABLE";

const SEND_STATUS: Record<number, SendStatus> = {
  [ResponseCode.SUCCESS]: "SEND_OK",
  [ResponseCode.FLUSH_DISK_TIMEOUT]: "FLUSH_DISK_TIMEOUT",
  [ResponseCode.FLUSH_SLAVE_TIMEOUT]: "FLUSH_SLAVE_TIMEOUT",
  [ResponseCode.SLAVE_NOT_AVAILABLE]: "SLAVE_NOT_AVAILABLE",
};

export interface SendResult {
  status: SendStatus;
  /** The unique id the panel gave it (UNIQ_KEY). */
  msgId: string;
  /** The broker's offset id: store host and commit-log offset. */
  offsetMsgId: string;
  queueId: number;
  queueOffset: number;
}

let nextUniqueKey: (() => string) | undefined;

/**
 * SEND_MESSAGE to one queue on the group's leader (NOT_LEADER on any other member), waiting until the broker
 * stored it (WAIT=true). Sent uncompressed; the broker refuses a body over its maxMessageSize (4 MiB by default)
 * with MESSAGE_ILLEGAL, and a topic it does not know with TOPIC_NOT_EXIST unless it auto-creates topics.
 */
export async function sendMessage(
  remoting: RemotingClient,
  leader: string,
  message: OutgoingMessage,
  options: CallOptions = {},
): Promise<SendResult> {
  const code = RequestCode.SEND_MESSAGE;
  await assertLeader(remoting, leader, code, options);
  nextUniqueKey ??= createUniqueKeyGenerator();
  const properties: Record<string, string> = {
    [MessageProperty.WAIT]: "true",
    ...(message.tags !== undefined && { [MessageProperty.TAGS]: message.tags }),
    ...(message.keys?.length && { [MessageProperty.KEYS]: message.keys.join(" ") }),
    ...message.properties,
  };
  properties[MessageProperty.UNIQ_KEY] ??= nextUniqueKey();
  const extFields = {
    producerGroup: message.producerGroup ?? "RMQ_PANEL_PRODUCER",
    topic: message.topic,
    defaultTopic: "TBW102",
    defaultTopicQueueNums: "4",
    queueId: String(message.queueId),
    sysFlag: "0",
    bornTimestamp: String(Date.now()),
    flag: "0",
    properties: encodeProperties(properties),
    reconsumeTimes: String(message.reconsumeTimes ?? 0),
    unitMode: "false",
    batch: "false",
    ...(message.maxReconsumeTimes !== undefined && { maxReconsumeTimes: String(message.maxReconsumeTimes) }),
  };
  const response = await send(remoting, leader, code, { ...options, extFields, body: message.body });
  const status = SEND_STATUS[response.code];
  if (!status) throw remoteError(leader, code, response);
  const what = `send to ${message.topic}/${message.queueId}`;
  const offsetMsgId = response.extFields?.msgId;
  if (!offsetMsgId) throw new RocketmqProtocolError(leader, `${what}: reply header field msgId is missing`);
  return {
    status,
    msgId: properties[MessageProperty.UNIQ_KEY],
    offsetMsgId,
    queueId: headerNumber(leader, response, "queueId", what),
    queueOffset: headerNumber(leader, response, "queueOffset", what),
  };
}

function decodeBody(broker: string, response: RemotingCommand, what: string): StoredMessage[] {
  try {
    return decodeMessages(response.body ?? Buffer.alloc(0));
  } catch (error) {
    if (error instanceof MessageFormatError) throw new RocketmqProtocolError(broker, `${what}: ${error.message}`, error);
    throw error;
  }
}
