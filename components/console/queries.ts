import type { z } from "zod";
import type {
  GroupCreateInput,
  GroupDetail,
  GroupListQuery,
  GroupPage,
  GroupUpdateInput,
  LagPoint,
  MessageDetail,
  MessagePage,
  ResendResult,
  ResetOffsetPlan,
  ResetOffsetResult,
  SendMessageInput,
  SendResult,
  TopicCreateInput,
  TopicDetail,
  TopicListQuery,
  TopicPage,
  TopicUpdateInput,
  TopicWriteResult,
  resetOffsetSchema,
} from "@/lib/console/schema";
import { api } from "../api";

// The console API as the browser calls it: topics, their messages, consumer groups, offsets and dead letters.
// Names travel percent-encoded: a retry or dead-letter topic's name holds '%', and some hold '|'.

const seg = encodeURIComponent;
const topicPath = (clusterId: string, topic: string) => `/api/clusters/${clusterId}/topics/${seg(topic)}`;
const groupPath = (clusterId: string, group: string) => `/api/clusters/${clusterId}/groups/${seg(group)}`;

/** Query-string parameters without the unset ones. */
function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export type TopicListParams = TopicListQuery;
export type GroupListParams = GroupListQuery;

/** A time range (ISO times; the server's default is the last hour), read newest first, or a key. */
export type MessageRange = { from?: string; to?: string };
export type MessageSearch = ({ kind: "range" } & MessageRange) | { kind: "key"; key: string };

/** What the reset form sends: the time as ISO text, as the route parses it. */
export type ResetOffsetRequest = z.input<typeof resetOffsetSchema>;

export const consoleKeys = {
  /** Every query of the cluster's console, for invalidating after a write. */
  all: (clusterId: string) => ["console", clusterId] as const,
  topics: (clusterId: string, params?: TopicListParams) => ["console", clusterId, "topics", params ?? {}] as const,
  topic: (clusterId: string, topic: string) => ["console", clusterId, "topic", topic] as const,
  messages: (clusterId: string, topic: string, search: MessageSearch | null) => ["console", clusterId, "messages", topic, search] as const,
  message: (clusterId: string, topic: string, messageId: string) => ["console", clusterId, "message", topic, messageId] as const,
  groups: (clusterId: string, params?: GroupListParams) => ["console", clusterId, "groups", params ?? {}] as const,
  group: (clusterId: string, group: string) => ["console", clusterId, "group", group] as const,
  lag: (clusterId: string, group: string) => ["console", clusterId, "lag", group] as const,
  dlq: (clusterId: string, group: string, range: MessageRange) => ["console", clusterId, "dlq", group, range] as const,
  resetPreview: (clusterId: string, group: string, input: ResetOffsetRequest | null) =>
    ["console", clusterId, "reset-preview", group, input] as const,
};

export const fetchTopics = (clusterId: string, params: TopicListParams) =>
  api<TopicPage>(`/api/clusters/${clusterId}/topics${query({ ...params })}`);
export const createTopic = (clusterId: string, input: TopicCreateInput) =>
  api<TopicWriteResult>(`/api/clusters/${clusterId}/topics`, { method: "POST", body: input });
export const fetchTopic = (clusterId: string, topic: string) => api<TopicDetail>(topicPath(clusterId, topic));
export const updateTopic = (clusterId: string, topic: string, input: TopicUpdateInput) =>
  api<TopicWriteResult>(topicPath(clusterId, topic), { method: "PUT", body: input });
export const deleteTopic = (clusterId: string, topic: string) => api(topicPath(clusterId, topic), { method: "DELETE" });

/** One page of a search; a range's next page starts at the `cursor` the last one handed out. */
export const searchMessages = (clusterId: string, topic: string, search: MessageSearch, cursor?: string, limit = 32) =>
  api<MessagePage>(
    `${topicPath(clusterId, topic)}/messages${query(search.kind === "key" ? { key: search.key, limit } : { from: search.from, to: search.to, cursor, limit })}`,
  );
export const fetchMessage = (clusterId: string, topic: string, messageId: string) =>
  api<MessageDetail>(`${topicPath(clusterId, topic)}/messages/${seg(messageId)}`);
export const sendMessage = (clusterId: string, topic: string, input: SendMessageInput) =>
  api<SendResult>(`${topicPath(clusterId, topic)}/messages`, { method: "POST", body: input });

export const fetchGroups = (clusterId: string, params: GroupListParams) =>
  api<GroupPage>(`/api/clusters/${clusterId}/groups${query({ ...params })}`);
export const createGroup = (clusterId: string, input: GroupCreateInput) =>
  api<GroupDetail>(`/api/clusters/${clusterId}/groups`, { method: "POST", body: input });
export const fetchGroup = (clusterId: string, group: string) => api<GroupDetail>(groupPath(clusterId, group));
export const updateGroup = (clusterId: string, group: string, input: GroupUpdateInput) =>
  api<GroupDetail>(groupPath(clusterId, group), { method: "PUT", body: input });
export const deleteGroup = (clusterId: string, group: string) => api(groupPath(clusterId, group), { method: "DELETE" });
export const fetchLag = (clusterId: string, group: string) => api<LagPoint[]>(`${groupPath(clusterId, group)}/lag`);

export const previewReset = (clusterId: string, group: string, input: ResetOffsetRequest) =>
  api<ResetOffsetPlan>(`${groupPath(clusterId, group)}/reset-offset/preview`, { method: "POST", body: input });
export const resetOffset = (clusterId: string, group: string, input: ResetOffsetRequest) =>
  api<ResetOffsetResult>(`${groupPath(clusterId, group)}/reset-offset`, { method: "POST", body: input });

export const fetchDlq = (clusterId: string, group: string, range: MessageRange, cursor?: string, limit = 32) =>
  api<MessagePage>(`${groupPath(clusterId, group)}/dlq${query({ ...range, cursor, limit })}`);
export const resendDlq = (clusterId: string, group: string, messageIds: string[]) =>
  api<ResendResult>(`${groupPath(clusterId, group)}/dlq/resend`, { method: "POST", body: { messageIds } });
