/**
 * Shapes of the bodies RocketMQ sends back, validated at the boundary and turned into the panel's
 * types. Wire names stay where they are RocketMQ's vocabulary (brokerName, brokerId); maps keyed by
 * numbers become sorted arrays.
 */
import { z } from "zod";
import { parseFastjson } from "./fastjson";

// ---- NameServer -------------------------------------------------------------------------------

/** brokerAddrs: Map<Long brokerId, address>; fastjson writes the keys bare, the parser turns them into strings. */
const brokerAddrsSchema = z.record(z.string().regex(/^-?\d+$/), z.string());

const brokerDataSchema = z.object({
  cluster: z.string(),
  brokerName: z.string(),
  brokerAddrs: brokerAddrsSchema.nullish(),
});

export interface BrokerMember {
  /** 0 = the master (in DLedger mode: the leader); a DLedger follower nX registers as X + 1. */
  brokerId: number;
  address: string;
}

export interface BrokerGroupView {
  brokerName: string;
  cluster: string;
  /** Sorted by brokerId. */
  members: BrokerMember[];
}

function toGroup(data: z.infer<typeof brokerDataSchema>): BrokerGroupView {
  const members = Object.entries(data.brokerAddrs ?? {})
    .map(([id, address]) => ({ brokerId: Number(id), address }))
    .sort((a, b) => a.brokerId - b.brokerId);
  return { brokerName: data.brokerName, cluster: data.cluster, members };
}

export const clusterInfoSchema = z
  .object({
    brokerAddrTable: z.record(z.string(), brokerDataSchema).nullish(),
    clusterAddrTable: z.record(z.string(), z.array(z.string())).nullish(),
  })
  .transform(({ brokerAddrTable, clusterAddrTable }) => {
    const groups = new Map(Object.values(brokerAddrTable ?? {}).map((data) => [data.brokerName, toGroup(data)]));
    const clusterNames = new Set([...Object.keys(clusterAddrTable ?? {}), ...[...groups.values()].map((g) => g.cluster)]);
    const clusters = [...clusterNames].sort().map((name) => {
      const names = new Set([
        ...(clusterAddrTable?.[name] ?? []),
        ...[...groups.values()].filter((g) => g.cluster === name).map((g) => g.brokerName),
      ]);
      const brokerGroups = [...names].sort().map((brokerName) => groups.get(brokerName) ?? { brokerName, cluster: name, members: [] });
      return { name, brokerGroups };
    });
    return { clusters };
  });

/** clusters → broker groups (broker names) → members (brokerId → address). */
export type ClusterInfo = z.output<typeof clusterInfoSchema>;

export const topicRouteSchema = z
  .object({
    orderTopicConf: z.string().nullish(),
    queueDatas: z
      .array(
        z.object({
          brokerName: z.string(),
          readQueueNums: z.number().int(),
          writeQueueNums: z.number().int(),
          perm: z.number().int(),
          topicSysFlag: z.number().int().optional(),
        }),
      )
      .nullish(),
    brokerDatas: z.array(brokerDataSchema).nullish(),
  })
  .transform((route) => ({
    queues: (route.queueDatas ?? []).map((queue) => ({ ...queue, topicSysFlag: queue.topicSysFlag ?? 0 })),
    brokerGroups: (route.brokerDatas ?? []).map(toGroup),
    ...(route.orderTopicConf ? { orderTopicConf: route.orderTopicConf } : {}),
  }));

export type TopicRoute = z.output<typeof topicRouteSchema>;

// ---- Broker -----------------------------------------------------------------------------------

/** "tps10s tps60s tps600s"; a part is empty until the broker has sampled that window. */
function parseTps(value: string | undefined) {
  const [s10, s60, s600] = (value ?? "").split(" ").map((part) => (part === "" ? null : Number(part)));
  const finite = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? null : n);
  return { last10s: finite(s10), last60s: finite(s60), last600s: finite(s600) };
}

export type Tps = ReturnType<typeof parseTps>;

function numberOrNull(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export const brokerRuntimeInfoSchema = z.object({ table: z.record(z.string(), z.string()) }).transform(({ table }) => ({
  /** e.g. "V4_9_3" */
  version: table.brokerVersionDesc ?? null,
  /** MQVersion ordinal, e.g. 399; 5.5 no longer sends it. */
  versionOrdinal: numberOrNull(table.brokerVersion),
  bootTimestamp: numberOrNull(table.bootTimestamp),
  putTps: parseTps(table.putTps),
  getTotalTps: parseTps(table.getTotalTps),
  msgPutTotalTodayNow: numberOrNull(table.msgPutTotalTodayNow),
  msgGetTotalTodayNow: numberOrNull(table.msgGetTotalTodayNow),
  /** Used fraction (0..1) of the fullest commit-log disk. */
  commitLogDiskRatio: numberOrNull(table.commitLogDiskRatio),
  commitLogMinOffset: numberOrNull(table.commitLogMinOffset),
  commitLogMaxOffset: numberOrNull(table.commitLogMaxOffset),
  dispatchBehindBytes: numberOrNull(table.dispatchBehindBytes),
  sendThreadPoolQueueSize: numberOrNull(table.sendThreadPoolQueueSize),
  /** 5.x only (4.x does not say); false on DLedger nodes of 5.5, leader or not. */
  brokerActive: table.brokerActive === undefined ? null : table.brokerActive === "true",
  /** Every key as the broker sent it. */
  raw: table,
}));

export type BrokerRuntimeInfo = z.output<typeof brokerRuntimeInfoSchema>;

// ---- DLedger ----------------------------------------------------------------------------------

/** The fields of DLedger's RequestOrResponse every response carries. */
const dledgerBaseSchema = z.object({
  code: z.number().int(),
  group: z.string().nullish(),
  leaderId: z.string().nullish(),
  term: z.number().int().optional(),
});

export const dledgerMetadataSchema = dledgerBaseSchema.extend({
  peers: z.record(z.string(), z.string()).nullish(),
});

export const dledgerResponseSchema = dledgerBaseSchema;

export interface DledgerMetadata {
  group: string;
  selfId: string;
  /** null while the group has no leader (an election is running). */
  leaderId: string | null;
  /** selfId → "host:port" of its DLedger port. */
  peers: Record<string, string>;
}

export type DledgerRole = "leader" | "follower" | "candidate";

export interface DledgerMemberState extends DledgerMetadata {
  role: DledgerRole;
  term: number;
}

// ---- Topics -----------------------------------------------------------------------------------

/** TopicList (GET_ALL_TOPIC_LIST_FROM_NAMESERVER, GET_TOPICS_BY_CLUSTER): names, sorted, each once. */
export const topicListSchema = z
  .object({ topicList: z.array(z.string()).nullish() })
  .transform(({ topicList }) => [...new Set(topicList ?? [])].sort());

/**
 * DataVersion of a broker's topic or subscription-group table: it changes on every write, so a
 * reader can tell a table it has already seen. 5.x adds stateVersion.
 */
const dataVersionSchema = z.object({
  timestamp: z.number().int(),
  counter: z.number().int(),
  stateVersion: z.number().int().optional(),
});

export type DataVersion = z.output<typeof dataVersionSchema>;

const topicConfigSchema = z
  .object({
    topicName: z.string(),
    readQueueNums: z.number().int(),
    writeQueueNums: z.number().int(),
    perm: z.number().int(),
    topicFilterType: z.string().nullish(),
    topicSysFlag: z.number().int().optional(),
    order: z.boolean().optional(),
    /** 5.x only, e.g. {"+message.type": "NORMAL"}. */
    attributes: z.record(z.string(), z.string()).nullish(),
  })
  .transform((config) => ({
    topic: config.topicName,
    readQueueNums: config.readQueueNums,
    writeQueueNums: config.writeQueueNums,
    /** PermName bits: 4 read, 2 write, 1 inherit. */
    perm: config.perm,
    topicFilterType: config.topicFilterType ?? "SINGLE_TAG",
    topicSysFlag: config.topicSysFlag ?? 0,
    /** Stored by 5.x brokers only; 4.9.x drops the flag UPDATE_AND_CREATE_TOPIC carries. */
    order: config.order ?? false,
    attributes: { ...(config.attributes ?? {}) },
  }));

export type TopicConfig = z.output<typeof topicConfigSchema>;

/** GET_ALL_TOPIC_CONFIG: TopicConfigSerializeWrapper (5.x: TopicConfigAndMappingSerializeWrapper; static-topic mappings ignored). */
export const topicConfigTableSchema = z
  .object({
    topicConfigTable: z.record(z.string(), topicConfigSchema).nullish(),
    dataVersion: dataVersionSchema.nullish(),
  })
  .transform(({ topicConfigTable, dataVersion }) => ({
    /** Sorted by name; system, retry and dead-letter topics included. */
    topics: Object.values(topicConfigTable ?? {}).sort((a, b) => compareText(a.topic, b.topic)),
    dataVersion: dataVersion ?? null,
  }));

export type TopicConfigTable = z.output<typeof topicConfigTableSchema>;

/** MessageQueue, written by fastjson as an object key: the parser hands it over as JSON text. */
const messageQueueSchema = z.object({ topic: z.string(), brokerName: z.string(), queueId: z.number().int() });

export type MessageQueue = z.output<typeof messageQueueSchema>;

/** Map<MessageQueue, V> → [queue, value] pairs sorted by topic, broker name, queue id; a key that is not a MessageQueue fails the parse. */
function queueTable<V extends z.ZodType>(value: V) {
  return z.record(z.string(), value).transform((table, ctx) => {
    const entries: [MessageQueue, z.output<V>][] = [];
    for (const [key, item] of Object.entries(table)) {
      const queue = messageQueueSchema.safeParse(parseKey(key));
      if (!queue.success) {
        ctx.addIssue({ code: "custom", message: `offset table key ${key.slice(0, 100)} is not a MessageQueue` });
        return z.NEVER;
      }
      entries.push([queue.data, item]);
    }
    return entries.sort(([a], [b]) => compareText(a.topic, b.topic) || compareText(a.brokerName, b.brokerName) || a.queueId - b.queueId);
  });
}

function parseKey(key: string): unknown {
  try {
    return parseFastjson(key);
  } catch {
    return key;
  }
}

/** GET_TOPIC_STATS_INFO: TopicStatsTable, one entry per queue of this broker. */
export const topicStatsSchema = z
  .object({
    offsetTable: queueTable(
      z.object({ minOffset: z.number().int(), maxOffset: z.number().int(), lastUpdateTimestamp: z.number().int() }),
    ).nullish(),
    /** 5.x only. */
    topicPutTps: z.number().optional(),
  })
  .transform(({ offsetTable, topicPutTps }) => ({
    queues: (offsetTable ?? []).map(([queue, offsets]) => ({
      brokerName: queue.brokerName,
      queueId: queue.queueId,
      minOffset: offsets.minOffset,
      maxOffset: offsets.maxOffset,
      /** Messages the queue holds now: max − min (older ones are deleted with their commit-log files). */
      messages: Math.max(0, offsets.maxOffset - offsets.minOffset),
      /** Store time of the newest message, ms since the epoch; 0 while the queue is empty. */
      lastUpdateTimestamp: offsets.lastUpdateTimestamp,
    })),
    putTps: topicPutTps ?? null,
  }));

export type TopicStats = z.output<typeof topicStatsSchema>;

// ---- Consumer groups --------------------------------------------------------------------------

const subscriptionGroupConfigSchema = z.object({
  groupName: z.string(),
  consumeEnable: z.boolean(),
  consumeFromMinEnable: z.boolean(),
  consumeBroadcastEnable: z.boolean(),
  retryQueueNums: z.number().int(),
  retryMaxTimes: z.number().int(),
  brokerId: z.number().int(),
  whichBrokerWhenConsumeSlowly: z.number().int(),
  notifyConsumerIdsChangedEnable: z.boolean(),
  /** 5.x only. */
  consumeMessageOrderly: z.boolean().optional(),
  consumeTimeoutMinute: z.number().int().optional(),
  groupSysFlag: z.number().int().optional(),
  attributes: z.record(z.string(), z.string()).nullish(),
});

export type SubscriptionGroupConfig = z.output<typeof subscriptionGroupConfigSchema>;

/** GET_ALL_SUBSCRIPTIONGROUP_CONFIG: SubscriptionGroupWrapper (5.x adds a forbidden table, ignored). */
export const subscriptionGroupTableSchema = z
  .object({
    subscriptionGroupTable: z.record(z.string(), subscriptionGroupConfigSchema).nullish(),
    dataVersion: dataVersionSchema.nullish(),
  })
  .transform(({ subscriptionGroupTable, dataVersion }) => ({
    /** Sorted by name; the broker's built-in groups included. */
    groups: Object.values(subscriptionGroupTable ?? {}).sort((a, b) => compareText(a.groupName, b.groupName)),
    dataVersion: dataVersion ?? null,
  }));

export type SubscriptionGroupTable = z.output<typeof subscriptionGroupTableSchema>;

const subscriptionDataSchema = z.object({
  topic: z.string(),
  subString: z.string().nullish(),
  tagsSet: z.array(z.string()).nullish(),
  expressionType: z.string().nullish(),
  subVersion: z.number().int().optional(),
});

/** GET_CONSUMER_CONNECTION_LIST: the group's clients connected to this broker and what they subscribe to. */
export const consumerConnectionSchema = z
  .object({
    connectionSet: z
      .array(z.object({ clientId: z.string(), clientAddr: z.string(), language: z.string(), version: z.number().int() }))
      .nullish(),
    subscriptionTable: z.record(z.string(), subscriptionDataSchema).nullish(),
    /** CONSUME_ACTIVELY (pull), CONSUME_PASSIVELY (push), 5.x also CONSUME_POP. */
    consumeType: z.string().nullish(),
    /** CLUSTERING or BROADCASTING. */
    messageModel: z.string().nullish(),
    consumeFromWhere: z.string().nullish(),
  })
  .transform((body) => ({
    connections: (body.connectionSet ?? [])
      // version is the client's MQVersion ordinal (V4_9_3 = 399), language a LanguageCode name (JAVA).
      .map((c) => ({ clientId: c.clientId, clientAddr: c.clientAddr, language: c.language, versionOrdinal: c.version }))
      .sort((a, b) => compareText(a.clientId, b.clientId)),
    subscriptions: Object.values(body.subscriptionTable ?? {})
      .map((s) => ({
        topic: s.topic,
        /** "*" for every tag, else "a || b". */
        expression: s.subString ?? "*",
        expressionType: s.expressionType ?? "TAG",
        tags: [...(s.tagsSet ?? [])].sort(),
        subVersion: s.subVersion ?? null,
      }))
      .sort((a, b) => compareText(a.topic, b.topic)),
    consumeType: body.consumeType ?? null,
    messageModel: body.messageModel ?? null,
    consumeFromWhere: body.consumeFromWhere ?? null,
  }));

export type ConsumerConnection = z.output<typeof consumerConnectionSchema>;

/** GET_CONSUME_STATS: per queue of this broker, how far the group has consumed. */
export const consumeStatsSchema = z
  .object({
    offsetTable: queueTable(
      z.object({
        brokerOffset: z.number().int(),
        consumerOffset: z.number().int(),
        /** 5.x only. */
        pullOffset: z.number().int().optional(),
        lastTimestamp: z.number().int(),
      }),
    ).nullish(),
    consumeTps: z.number(),
  })
  .transform(({ offsetTable, consumeTps }) => ({
    queues: (offsetTable ?? []).map(([queue, offsets]) => ({
      topic: queue.topic,
      brokerName: queue.brokerName,
      queueId: queue.queueId,
      /** The queue's max offset: the next message stored gets this offset. */
      brokerOffset: offsets.brokerOffset,
      /** The group's committed offset (0 when it never committed: the broker clamps -1). */
      consumerOffset: offsets.consumerOffset,
      pullOffset: offsets.pullOffset ?? null,
      lag: Math.max(0, offsets.brokerOffset - offsets.consumerOffset),
      /** Store time of the last consumed message, ms since the epoch; 0 before the first commit. */
      lastTimestamp: offsets.lastTimestamp,
    })),
    consumeTps,
  }));

export type ConsumeStats = z.output<typeof consumeStatsSchema>;

/** GroupList (QUERY_TOPIC_CONSUME_BY_WHO): group names, sorted. */
export const groupListSchema = z
  .object({ groupList: z.array(z.string()).nullish() })
  .transform(({ groupList }) => [...new Set(groupList ?? [])].sort());

/** Code-point order, the same everywhere (localeCompare depends on the process's locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- Offsets, running clients, broker stats ---------------------------------------------------

/** ResetOffsetBody (INVOKE_BROKER_TO_RESET_OFFSET): the offset the broker chose per queue. */
export const resetOffsetBodySchema = z
  .object({ offsetTable: queueTable(z.number().int()).nullish() })
  .transform(({ offsetTable }) => (offsetTable ?? []).map(([queue, offset]) => ({ ...queue, offset })));

export type ResetOffsets = z.output<typeof resetOffsetBodySchema>;

/** ConsumerRunningInfo (GET_CONSUMER_RUNNING_INFO), the parts the panel reads: which queues the client holds. */
export const consumerRunningInfoSchema = z
  .object({
    properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
    mqTable: queueTable(
      z.object({
        commitOffset: z.number().int(),
        cachedMsgCount: z.number().int().optional(),
        lastPullTimestamp: z.number().int().optional(),
        lastConsumeTimestamp: z.number().int().optional(),
        droped: z.boolean().optional(),
      }),
    ).nullish(),
  })
  .transform(({ properties, mqTable }) => ({
    /** The queues this client holds (its rebalance share), the retry topic's included. */
    queues: (mqTable ?? []).map(([queue, info]) => ({
      ...queue,
      /** The offset the client will commit next. */
      commitOffset: info.commitOffset,
      cachedMessages: info.cachedMsgCount ?? 0,
      lastPullTimestamp: info.lastPullTimestamp ?? null,
      lastConsumeTimestamp: info.lastConsumeTimestamp ?? null,
      dropped: info.droped ?? false,
    })),
    /** e.g. PROP_CONSUME_TYPE, PROP_CLIENT_VERSION, PROP_CONSUMER_START_TIMESTAMP, as strings. */
    properties: Object.fromEntries(Object.entries(properties ?? {}).map(([key, value]) => [key, String(value)])),
  }));

export type ConsumerRunningInfo = z.output<typeof consumerRunningInfoSchema>;

const statsSnapshotSchema = z.object({ sum: z.number(), tps: z.number(), avgpt: z.number() });

/** BrokerStatsData (VIEW_BROKER_STATS_DATA): a stats item over the last minute, hour and day. */
export const brokerStatsDataSchema = z.object({
  statsMinute: statsSnapshotSchema,
  statsHour: statsSnapshotSchema,
  statsDay: statsSnapshotSchema,
});

export type BrokerStatsData = z.output<typeof brokerStatsDataSchema>;
