/**
 * Shapes of the bodies RocketMQ sends back, validated at the boundary and turned into the panel's
 * types. Wire names stay where they are RocketMQ's vocabulary (brokerName, brokerId); maps keyed by
 * numbers become sorted arrays.
 */
import { z } from "zod";

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
