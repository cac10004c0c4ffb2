import { z } from "zod";
import type { Message } from "../i18n/message";
import { says } from "../i18n/schema";
import { idSchema } from "../schema";

// The console's API: inputs (zod, shared with the browser's forms) and the shapes the routes answer with. Pure.
//
//   GET    /api/clusters/:id/topics?type&q&sort&order&page&pageSize      TopicPage        viewer
//   POST   /api/clusters/:id/topics                     topicCreateSchema  TopicWriteResult operator
//   GET    /api/clusters/:id/topics/:topic                                 TopicDetail      viewer
//   PUT    /api/clusters/:id/topics/:topic              topicUpdateSchema  TopicWriteResult operator
//   DELETE /api/clusters/:id/topics/:topic                                 { deleted }      admin
//   GET    /api/clusters/:id/topics/:topic/messages?from&to&cursor&limit   MessagePage      viewer
//   GET    /api/clusters/:id/topics/:topic/messages?key=…                  MessagePage      viewer
//   GET    /api/clusters/:id/topics/:topic/messages/:messageId             MessageDetail    viewer (body: operator)
//   POST   /api/clusters/:id/topics/:topic/messages     sendMessageSchema  SendResult       operator
//   GET    /api/clusters/:id/groups?filter&q&sort&order&page&pageSize      GroupPage        viewer
//   POST   /api/clusters/:id/groups                     groupCreateSchema  GroupDetail      operator
//   GET    /api/clusters/:id/groups/:group                                 GroupDetail      viewer
//   PUT    /api/clusters/:id/groups/:group              groupUpdateSchema  GroupDetail      operator
//   DELETE /api/clusters/:id/groups/:group                                 { deleted }      admin
//   GET    /api/clusters/:id/groups/:group/lag                             LagPoint[]       viewer
//   POST   /api/clusters/:id/groups/:group/reset-offset/preview resetOffsetSchema ResetOffsetPlan  operator
//   POST   /api/clusters/:id/groups/:group/reset-offset         resetOffsetSchema ResetOffsetResult operator
//   GET    /api/clusters/:id/groups/:group/dlq?from&to&cursor&limit        MessagePage      viewer
//   POST   /api/clusters/:id/groups/:group/dlq/resend   resendSchema       ResendResult     operator

/** TopicValidator's rule on every version: these characters, at most 127 of them. */
export const TOPIC_NAME_PATTERN = /^[%|a-zA-Z0-9_-]+$/;
export const TOPIC_NAME_MAX = 127;
/** A consumer group's name: the same characters, at most 255 (the client's Validators.checkGroup). */
export const GROUP_NAME_MAX = 255;
/** No broker bounds queue numbers; the panel does (a typo of 5000 queues costs 5000 consume-queue files per broker). */
export const QUEUE_NUMS_MAX = 1024;
/** A topic-and-time query reads at most this far back in one go. */
export const MESSAGE_RANGE_MAX_MS = 7 * 24 * 60 * 60_000;
export const MESSAGE_PAGE_MAX = 64;
export const MESSAGE_BODY_MAX_BYTES = 64 * 1024;
export const RESEND_MAX = 100;
export const LIST_PAGE_SIZE_MAX = 200;

export const topicNameSchema = z
  .string(says("validation.console.topicName"))
  .min(1, says("validation.console.topicName"))
  .max(TOPIC_NAME_MAX, says("validation.console.topicNameTooLong", { max: TOPIC_NAME_MAX }))
  .regex(TOPIC_NAME_PATTERN, says("validation.console.topicName"));

export const groupNameSchema = z
  .string(says("validation.console.groupName"))
  .min(1, says("validation.console.groupName"))
  .max(GROUP_NAME_MAX, says("validation.console.groupNameTooLong", { max: GROUP_NAME_MAX }))
  .regex(TOPIC_NAME_PATTERN, says("validation.console.groupName"));

const brokerNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9@._-]+$/, says("validation.console.brokerName"));

const queueNums = z
  .number(says("validation.console.queueNums", { max: QUEUE_NUMS_MAX }))
  .int(says("validation.console.queueNums", { max: QUEUE_NUMS_MAX }))
  .min(1, says("validation.console.queueNums", { max: QUEUE_NUMS_MAX }))
  .max(QUEUE_NUMS_MAX, says("validation.console.queueNums", { max: QUEUE_NUMS_MAX }));

/** PermName bits: 6 read and write, 4 read only, 2 write only. */
export const TOPIC_PERMS = [6, 4, 2] as const;
export type TopicPermission = (typeof TOPIC_PERMS)[number];

const topicSettings = {
  /** Broker groups to write to; default every group of the cluster. */
  brokerNames: z.array(brokerNameSchema).min(1).max(1000).optional(),
  readQueueNums: queueNums,
  writeQueueNums: queueNums,
  perm: z
    .union(
      TOPIC_PERMS.map((p) => z.literal(p)),
      says("validation.console.perm"),
    )
    .default(6),
  order: z.boolean().default(false),
};

export const topicCreateSchema = z.object({ name: topicNameSchema, ...topicSettings });
export const topicUpdateSchema = z.object(topicSettings);
export type TopicCreateInput = z.infer<typeof topicCreateSchema>;
export type TopicUpdateInput = z.infer<typeof topicUpdateSchema>;

export const topicParams = z.object({ id: idSchema, topic: topicNameSchema });
export const groupParams = z.object({ id: idSchema, group: groupNameSchema });

/** Path segments arrive percent-decoded by Next; a message id is hex (offset id or unique client id). */
export const messageIdSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{32}$|^[0-9A-Fa-f]{40}$|^[0-9A-Fa-f]{56}$/, says("validation.console.messageId"));
export const messageParams = topicParams.extend({ messageId: messageIdSchema });

export const TOPIC_TYPES = ["normal", "retry", "dlq", "system"] as const;
export type TopicType = (typeof TOPIC_TYPES)[number];

const pageText = z
  .string()
  .regex(/^\d{1,6}$/, says("validation.console.page"))
  .transform(Number)
  .pipe(z.number().min(1, says("validation.console.page")));
const pageSizeText = z
  .string()
  .regex(/^\d{1,4}$/, says("validation.console.pageSize", { max: LIST_PAGE_SIZE_MAX }))
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1)
      .max(LIST_PAGE_SIZE_MAX, says("validation.console.pageSize", { max: LIST_PAGE_SIZE_MAX })),
  );
const searchText = z.string().max(255, says("validation.console.search"));
const orderSchema = z.enum(["asc", "desc"], says("validation.console.order"));

export const topicListQuery = z.object({
  type: z.enum(TOPIC_TYPES, says("validation.console.topicType")).optional(),
  q: searchText.optional(),
  sort: z.enum(["name", "messages", "queues", "updated"], says("validation.console.sort")).default("name"),
  order: orderSchema.default("asc"),
  page: pageText.default(1),
  pageSize: pageSizeText.default(50),
});
export type TopicListQuery = z.infer<typeof topicListQuery>;

export const GROUP_FILTERS = ["all", "lagging", "offline"] as const;
export const groupListQuery = z.object({
  filter: z.enum(GROUP_FILTERS, says("validation.console.groupFilter")).default("all"),
  q: searchText.optional(),
  sort: z.enum(["name", "lag", "tps"], says("validation.console.sort")).default("name"),
  order: orderSchema.default("asc"),
  page: pageText.default(1),
  pageSize: pageSizeText.default(50),
});
export type GroupListQuery = z.infer<typeof groupListQuery>;

/** An ISO 8601 time with its offset ("2026-12-01T08:00:00Z", "…+08:00"), as ms since the epoch. */
const timeText = z.iso.datetime({ offset: true, ...says("validation.console.time") }).transform((s) => new Date(s).getTime());
const limitText = z
  .string()
  .regex(/^\d{1,3}$/, says("validation.console.limit", { max: MESSAGE_PAGE_MAX }))
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1)
      .max(MESSAGE_PAGE_MAX, says("validation.console.limit", { max: MESSAGE_PAGE_MAX })),
  );

/** Either a key, or a time range (default: the last hour) read newest first; `cursor` continues a range. */
export const messageQuery = z
  .object({
    key: z.string().min(1).max(255, says("validation.console.key")).optional(),
    from: timeText.optional(),
    to: timeText.optional(),
    cursor: z
      .string()
      .max(4096)
      .regex(/^[A-Za-z0-9_-]+$/, says("validation.console.cursor"))
      .optional(),
    limit: limitText.default(32),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, says("validation.console.rangeOrder"))
  .refine(
    (q) => q.from === undefined || q.to === undefined || q.to - q.from <= MESSAGE_RANGE_MAX_MS,
    says("validation.console.rangeTooLong", { days: MESSAGE_RANGE_MAX_MS / 86_400_000 }),
  );
export type MessageQuery = z.infer<typeof messageQuery>;

export const sendMessageSchema = z.object({
  body: z
    .string()
    .refine(
      (s) => new TextEncoder().encode(s).length <= MESSAGE_BODY_MAX_BYTES,
      says("validation.console.bodyTooLarge", { max: MESSAGE_BODY_MAX_BYTES }),
    ),
  tags: z
    .string()
    .max(255)
    .regex(/^[^|\s]*$/, says("validation.console.tags"))
    .optional(),
  keys: z
    .string()
    .max(255)
    .regex(/^\P{Cc}*$/u, says("validation.console.keys"))
    .optional(),
});
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

const groupSettings = {
  brokerNames: z.array(brokerNameSchema).min(1).max(1000).optional(),
  consumeEnable: z.boolean().default(true),
  consumeBroadcastEnable: z.boolean().default(true),
  retryQueueNums: z
    .number()
    .int()
    .min(1)
    .max(QUEUE_NUMS_MAX, says("validation.console.queueNums", { max: QUEUE_NUMS_MAX }))
    .default(1),
  retryMaxTimes: z.number().int().min(0).max(64, says("validation.console.retryMaxTimes")).default(16),
};
export const groupCreateSchema = z.object({ name: groupNameSchema, ...groupSettings });
export const groupUpdateSchema = z.object(groupSettings);
export type GroupCreateInput = z.infer<typeof groupCreateSchema>;
export type GroupUpdateInput = z.infer<typeof groupUpdateSchema>;

export const resetOffsetSchema = z.object({
  topic: topicNameSchema,
  to: z.discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("timestamp"), at: timeText.refine((t) => t <= Date.now() + 60_000, says("validation.console.future")) }),
      z.object({ kind: z.literal("earliest") }),
      z.object({ kind: z.literal("latest") }),
    ],
    says("validation.console.resetTo"),
  ),
});
export type ResetOffsetInput = z.infer<typeof resetOffsetSchema>;

export const resendSchema = z.object({
  messageIds: z
    .array(messageIdSchema)
    .min(1)
    .max(RESEND_MAX, says("validation.console.tooManyMessages", { max: RESEND_MAX })),
});
export type ResendInput = z.infer<typeof resendSchema>;

// ---- What the routes answer with (times are ms since the epoch) ----

/** How fresh the cluster's cached index is; lists are served from it, never from brokers per view. */
export interface IndexState {
  refreshedAt: number | null;
  durationMs: number | null;
  brokerCalls: number | null;
  /** English, for scripts; the Message form for the page. */
  error: string | null;
  /** The error in the reader's language (useMessage / translate); null when `error` is. */
  errorMessage: Message | string | null;
}

export interface TopicRow {
  name: string;
  type: TopicType;
  brokerNames: string[];
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  order: boolean;
  /** Sum over queues of max − min offset. */
  messages: number;
  /** Store time of the newest message, null when the topic is empty. */
  lastUpdatedAt: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  index: IndexState;
}
export type TopicPage = Page<TopicRow>;

export interface TopicRouteEntry {
  brokerName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  leaderAddress: string | null;
  /** The leading node's DLedger selfId, from the live topology; null when unknown. */
  leaderSelfId: string | null;
}

export interface QueueOffsets {
  brokerName: string;
  queueId: number;
  minOffset: number;
  maxOffset: number;
  lastUpdatedAt: number | null;
}

export interface TopicDetail extends TopicRow {
  route: TopicRouteEntry[];
  queues: QueueOffsets[];
  consumerGroups: string[];
  /** Messages per second put into the topic, summed over its groups' leaders; null when unknown. */
  putTps: number | null;
}

export interface TopicWriteResult {
  topic: TopicDetail;
  /** The leader each group's write went to. */
  written: { brokerName: string; leaderAddress: string }[];
}

export interface GroupRow {
  name: string;
  online: boolean;
  clients: number;
  messageModel: "CLUSTERING" | "BROADCASTING" | null;
  consumeTps: number;
  /** Broker offset − consumer offset, summed over queues. */
  lag: number;
  topics: string[];
  brokerNames: string[];
}
export type GroupPage = Page<GroupRow>;

export interface GroupQueue {
  topic: string;
  brokerName: string;
  queueId: number;
  brokerOffset: number;
  consumerOffset: number;
  lag: number;
  lastConsumedAt: number | null;
  /** The client that holds the queue now; null when none does. */
  clientId: string | null;
}

export interface GroupConnection {
  clientId: string;
  address: string;
  language: string;
  version: string;
  subscriptions: { topic: string; expression: string }[];
}

export interface GroupSettings {
  consumeEnable: boolean;
  consumeBroadcastEnable: boolean;
  retryQueueNums: number;
  retryMaxTimes: number;
}

export interface GroupDetail extends GroupRow {
  consumeType: string | null;
  settings: GroupSettings | null;
  queues: GroupQueue[];
  connections: GroupConnection[];
}

export interface LagPoint {
  at: number;
  lag: number;
}

export interface ResetOffsetQueue {
  brokerName: string;
  queueId: number;
  brokerOffset: number;
  currentOffset: number;
  newOffset: number;
  lagBefore: number;
  lagAfter: number;
}

export interface ResetOffsetPlan {
  topic: string;
  online: boolean;
  clients: number;
  queues: ResetOffsetQueue[];
  lagBefore: number;
  lagAfter: number;
}

export interface ResetOffsetResult extends ResetOffsetPlan {
  /** "pushed": the brokers told the online clients; "written": no client was online, the offsets were committed for the next one. */
  applied: "pushed" | "written";
}

export interface MessageSummary {
  /** The producer's unique id (UNIQ_KEY) when it set one, else the offset id. */
  msgId: string;
  offsetMsgId: string;
  topic: string;
  tags: string | null;
  keys: string | null;
  brokerName: string;
  queueId: number;
  queueOffset: number;
  bornAt: number;
  storedAt: number;
  bornHost: string;
  storeHost: string;
  storeSize: number;
  bodySize: number;
  reconsumeTimes: number;
}

export interface MessageBody {
  encoding: "text" | "json" | "hex";
  text: string;
  /** Stored size; the text shows at most 256 KiB of it. */
  size: number;
  compressed: boolean;
  truncated: boolean;
}

export interface MessageDetail extends MessageSummary {
  properties: Record<string, string>;
  /** Null for viewers: bodies can be sensitive. */
  body: MessageBody | null;
  bodyHidden: boolean;
}

export interface MessagePage {
  items: MessageSummary[];
  /** Continues a time-range query; null when there is no more. */
  nextCursor: string | null;
}

export interface SendResult {
  msgId: string;
  offsetMsgId: string;
  brokerName: string;
  queueId: number;
  queueOffset: number;
}

export interface ResendResult {
  results: { messageId: string; ok: boolean; error: string | null; resentAs: string | null }[];
}
