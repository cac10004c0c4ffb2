import "server-only";
import type { Actor } from "../audit";
import { AppError } from "../errors";
import { message } from "../i18n/message";
import { classifyMessageId, type RocketmqClient, type StoredMessage, type TopicRoute } from "../rocketmq";
import { auditConsole } from "./audit";
import { type CursorWindow, decodeCursor, encodeCursor } from "./cursor";
import { leaderAddress, readFromGroup, writeOnLeader } from "./leaders";
import { renderBody } from "./message-body";
import { exhausted, type QueueWindow, readSpan, takeNewest } from "./message-pages";
import { reindexTopic } from "./reindex";
import {
  MESSAGE_RANGE_MAX_MS,
  type MessageDetail,
  type MessagePage,
  type MessageQuery,
  type MessageSummary,
  type SendMessageInput,
  type SendResult,
} from "./schema";
import { type ClusterTargets, resolveTargets } from "./targets";
import { readRoute } from "./topics";

/**
 * A topic's messages as a user asks for them: a time range newest first (per queue the broker's search by timestamp,
 * then pulls from each window's end), by key (the brokers' index), or one message by id (offset id: the record at
 * that commit-log offset of the broker it names; else the producer's unique id through the index). Bodies go to
 * operators and admins only: the caller says whether this reader gets them.
 */

/** A time range without both ends is this long (ending now). */
const DEFAULT_RANGE_MS = 60 * 60_000;

export function summaryOf(brokerName: string, m: StoredMessage): MessageSummary {
  return {
    msgId: m.msgId,
    offsetMsgId: m.offsetMsgId,
    topic: m.topic,
    tags: m.tags,
    keys: m.keys.length > 0 ? m.keys.join(" ") : null,
    brokerName,
    queueId: m.queueId,
    queueOffset: m.queueOffset,
    bornAt: m.bornTimestamp,
    storedAt: m.storeTimestamp,
    bornHost: m.bornHost,
    storeHost: m.storeHost,
    storeSize: m.storeSize,
    bodySize: m.body.length,
    reconsumeTimes: m.reconsumeTimes,
  };
}

export async function queryMessages(rocketmq: RocketmqClient, clusterId: string, topic: string, query: MessageQuery): Promise<MessagePage> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const route = await readRoute(rocketmq, targets, topic);
  return queryTopic(rocketmq, targets, route, topic, query);
}

/** The query on a topic whose route the caller read. */
export async function queryTopic(
  rocketmq: RocketmqClient,
  targets: ClusterTargets,
  route: TopicRoute,
  topic: string,
  query: MessageQuery,
): Promise<MessagePage> {
  if (query.key !== undefined) return byKey(rocketmq, targets, route, topic, query.key, query);
  return byTime(rocketmq, targets, route, topic, query);
}

/** The groups of the route the cluster knows, each with its leader now (a 503 while one has none). */
function routeLeaders(targets: ClusterTargets, route: TopicRoute) {
  return route.queues
    .filter((q) => targets.groups.some((g) => g.brokerName === q.brokerName))
    .map((q) => ({ ...q, leader: leaderAddress(targets, q.brokerName) }));
}

async function byKey(
  rocketmq: RocketmqClient,
  targets: ClusterTargets,
  route: TopicRoute,
  topic: string,
  key: string,
  query: MessageQuery,
): Promise<MessagePage> {
  const found = await Promise.all(
    routeLeaders(targets, route).map(({ brokerName, leader }) =>
      readFromGroup(brokerName, async () => {
        const messages = await rocketmq.queryMessagesByKey(leader, {
          topic,
          key,
          maxMessages: query.limit,
          beginTimestamp: query.from,
          endTimestamp: query.to,
        });
        return messages.map((m) => summaryOf(brokerName, m));
      }),
    ),
  );
  const items = found.flat().sort((a, b) => b.storedAt - a.storedAt);
  return { items: items.slice(0, query.limit), nextCursor: null };
}

/** The range asked for, a cursor's, or the last hour; a 400 beyond MESSAGE_RANGE_MAX_MS. */
function rangeOf(query: MessageQuery, cursor: { from: number; to: number } | null): { from: number; to: number } {
  const to = cursor?.to ?? query.to ?? Date.now();
  const from = cursor?.from ?? query.from ?? to - DEFAULT_RANGE_MS;
  if (from > to) throw new AppError(message("validation.console.rangeOrder"), 400, "invalid_input");
  if (to - from > MESSAGE_RANGE_MAX_MS) {
    throw new AppError(message("validation.console.rangeTooLong", { days: MESSAGE_RANGE_MAX_MS / 86_400_000 }), 400, "invalid_input");
  }
  return { from, to };
}

const keyOf = (w: { brokerName: string; queueId: number }) => `${w.brokerName}/${w.queueId}`;

async function byTime(
  rocketmq: RocketmqClient,
  targets: ClusterTargets,
  route: TopicRoute,
  topic: string,
  query: MessageQuery,
): Promise<MessagePage> {
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor, { from: query.from, to: query.to });
  const range = rangeOf(query, cursor);
  const leaders = new Map(routeLeaders(targets, route).map((g) => [g.brokerName, g.leader]));
  const windows: CursorWindow[] = cursor
    ? cursor.windows.filter((w) => leaders.has(w.brokerName))
    : (await Promise.all([...leaders].map(([brokerName, leader]) => openWindows(rocketmq, brokerName, leader, topic, range)))).flat();

  let queueWindows: QueueWindow[] = windows.map((w) => ({ key: keyOf(w), start: w.start, end: w.end }));
  const brokerOf = new Map(windows.map((w) => [keyOf(w), w.brokerName]));
  const queueOf = new Map(windows.map((w) => [keyOf(w), w.queueId]));
  // A round that finds nothing in range read only a window's padding (the offset below its first message in
  // range); another round goes on below it rather than hand out an empty page.
  for (let round = 0; ; round++) {
    const read = new Map<string, StoredMessage[]>();
    await Promise.all(
      queueWindows
        .filter((w) => !exhausted(w))
        .map(async (w) => {
          const brokerName = brokerOf.get(w.key) as string;
          const span = readSpan(w, query.limit);
          const pulled = await readFromGroup(brokerName, () =>
            pullSpan(rocketmq, leaders.get(brokerName) as string, topic, queueOf.get(w.key) as number, span),
          );
          read.set(w.key, pulled);
        }),
    );
    const page = takeNewest(queueWindows, read, range, query.limit);
    queueWindows = page.windows;
    const left = queueWindows.filter((w) => !exhausted(w));
    if (page.items.length > 0 || left.length === 0 || round >= 2) {
      const next = left.map((w) => ({
        brokerName: brokerOf.get(w.key) as string,
        queueId: queueOf.get(w.key) as number,
        start: w.start,
        end: w.end,
      }));
      return {
        items: page.items.map((i) => summaryOf(brokerOf.get(i.key) as string, i.message)),
        nextCursor: next.length > 0 ? encodeCursor({ from: range.from, to: range.to, windows: next }) : null,
      };
    }
  }
}

/**
 * Each queue's offsets the range may cover: from the first message stored at or after `from`, to just past the
 * first one after `to` (store times are checked exactly when the messages are read), within the queue's bounds.
 */
async function openWindows(
  rocketmq: RocketmqClient,
  brokerName: string,
  leader: string,
  topic: string,
  range: { from: number; to: number },
): Promise<CursorWindow[]> {
  return readFromGroup(brokerName, async () => {
    const stats = await rocketmq.getTopicStats(leader, topic);
    const windows = await Promise.all(
      stats.queues
        .filter((q) => q.maxOffset > q.minOffset)
        .map(async (q) => {
          const [start, end] = await Promise.all([
            rocketmq.searchOffset(leader, { topic, queueId: q.queueId, timestamp: range.from }),
            rocketmq.searchOffset(leader, { topic, queueId: q.queueId, timestamp: range.to }),
          ]);
          return {
            brokerName,
            queueId: q.queueId,
            start: Math.max(q.minOffset, start - 1),
            end: Math.min(q.maxOffset, end + 1),
          };
        }),
    );
    return windows.filter((w) => w.end > w.start);
  });
}

/** The messages at offsets [from, to) of one queue: pulled until there, a pull answering at most 32 of them. */
async function pullSpan(
  rocketmq: RocketmqClient,
  leader: string,
  topic: string,
  queueId: number,
  span: { from: number; to: number },
): Promise<StoredMessage[]> {
  const messages: StoredMessage[] = [];
  let offset = span.from;
  while (offset < span.to) {
    const pulled = await rocketmq.pullMessages(leader, { topic, queueId, offset, maxMessages: span.to - offset });
    const inSpan = pulled.messages.filter((m) => m.queueOffset >= offset && m.queueOffset < span.to);
    messages.push(...inSpan);
    // Deleted with their commit-log file (OFFSET_MOVED), or nothing more: carry on from where the broker says.
    if (pulled.status === "NO_NEW_MSG" || pulled.nextBeginOffset <= offset) break;
    offset = pulled.nextBeginOffset;
  }
  return messages;
}

export interface FoundMessage {
  brokerName: string;
  message: StoredMessage;
}

/**
 * A message of `topic` by id: an offset id's record on the broker it names (or another member of that broker's
 * group: DLedger members hold the same commit log), else the unique id through each group leader's index.
 */
export async function findMessage(
  rocketmq: RocketmqClient,
  targets: ClusterTargets,
  route: TopicRoute,
  topic: string,
  id: string,
): Promise<FoundMessage | null> {
  const readings = classifyMessageId(id);
  if (readings.offset) {
    const { storeHost, commitLogOffset } = readings.offset;
    const group = targets.groups.find((g) => g.addresses.includes(storeHost));
    for (const address of group ? [storeHost, ...group.addresses.filter((a) => a !== storeHost)] : []) {
      const record = await rocketmq.viewMessage(address, commitLogOffset).catch(() => null);
      if (record?.topic === topic && record.offsetMsgId === id.toUpperCase())
        return { brokerName: group?.brokerName as string, message: record };
      if (record) break;
    }
  }
  if (readings.unique) {
    const found = await Promise.all(
      routeLeaders(targets, route).map(({ brokerName, leader }) =>
        readFromGroup(brokerName, async () =>
          (await rocketmq.queryMessagesByUniqueKey(leader, { topic, uniqueKey: id.toUpperCase() })).map((m) => ({
            brokerName,
            message: m,
          })),
        ),
      ),
    );
    // A producer's retried send can be stored twice: the first copy is the message.
    const copies = found.flat().sort((a, b) => a.message.storeTimestamp - b.message.storeTimestamp);
    if (copies.length > 0) return copies[0];
  }
  return null;
}

export const messageNotFound = (id: string, topic: string) =>
  new AppError(message("errors.console.messages.notFound", { id, topic }), 404, "not_found");

export async function messageDetail(
  rocketmq: RocketmqClient,
  clusterId: string,
  topic: string,
  id: string,
  { withBody }: { withBody: boolean },
): Promise<MessageDetail> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const route = await readRoute(rocketmq, targets, topic);
  const found = await findMessage(rocketmq, targets, route, topic, id);
  if (!found) throw messageNotFound(id, topic);
  const { brokerName, message: m } = found;
  return {
    ...summaryOf(brokerName, m),
    properties: { ...m.properties },
    body: withBody ? renderBody(m.body, m.compression !== null) : null,
    bodyHidden: !withBody,
  };
}

/** PermName's write bit. */
const PERM_WRITE = 2;

/** Sends a test message to a queue chosen at random among the writable ones, on its group's leader. */
export async function sendTestMessage(
  rocketmq: RocketmqClient,
  actor: Actor,
  clusterId: string,
  topic: string,
  input: SendMessageInput,
): Promise<SendResult> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const route = await readRoute(rocketmq, targets, topic);
  const writable = route.queues.filter(
    (q) => q.perm & PERM_WRITE && q.writeQueueNums > 0 && targets.groups.some((g) => g.brokerName === q.brokerName && g.leaderAddress),
  );
  if (writable.length === 0) throw new AppError(message("errors.console.messages.noWritableQueue", { topic }), 409, "not_writable");
  const group = writable[Math.floor(Math.random() * writable.length)];
  const queueId = Math.floor(Math.random() * group.writeQueueNums);
  const keys = input.keys?.split(" ").filter((k) => k !== "");
  const { value: sent, leaderAddress: leader } = await writeOnLeader(rocketmq, targets, group.brokerName, (address) =>
    rocketmq.sendMessage(address, { topic, queueId, body: Buffer.from(input.body, "utf8"), tags: input.tags || undefined, keys }),
  );
  const result: SendResult = {
    msgId: sent.msgId,
    offsetMsgId: sent.offsetMsgId,
    brokerName: group.brokerName,
    queueId: sent.queueId,
    queueOffset: sent.queueOffset,
  };
  await auditConsole(actor, clusterId, {
    action: "topic.send_message",
    targetType: "topic",
    targetName: topic,
    after: {
      ...result,
      leaderAddress: leader,
      status: sent.status,
      tags: input.tags ?? null,
      keys: input.keys ?? null,
      bodyBytes: Buffer.byteLength(input.body),
    },
  });
  if (sent.status !== "SEND_OK") {
    throw new AppError(message("errors.console.messages.sendFailed", { status: sent.status, id: sent.msgId }), 502, "send_not_ok");
  }
  await reindexTopic(targets, rocketmq, topic);
  return result;
}
