import "server-only";
import { db } from "../db";
import { toJson } from "../db/json";
import { notFound } from "../errors";
import type { Message } from "../i18n/message";
import type { TopologyLayout } from "./layout";
import type { TopologyEventInput, TopologyEventRecord, TopologySnapshot } from "./model";

/**
 * Each stored snapshot is announced on this channel: payload `<clusterId>` or `<clusterId> events` when the same
 * write added timeline events. Web processes LISTEN and refresh their in-memory copy; the rows are the truth.
 */
export const TOPOLOGY_CHANNEL = "rmq_topology";

/** How long the charts look back, and how long samples are kept beyond that. */
export const SAMPLE_WINDOW_MS = 60 * 60_000;
export const SAMPLE_RETENTION_MS = 6 * 60 * 60_000;

export async function loadTopologyState(clusterId: string): Promise<{ snapshot: TopologySnapshot | null; layout: TopologyLayout | null }> {
  const row = await db.topologyState.findUnique({ where: { clusterId }, select: { snapshot: true, layout: true } });
  return {
    snapshot: row?.snapshot ? (JSON.parse(row.snapshot) as TopologySnapshot) : null,
    layout: (row?.layout ?? null) as TopologyLayout | null,
  };
}

/**
 * Writes the snapshot and its events and announces them, in one statement (so one round trip and no interactive
 * transaction to wait for under load), fenced by the lease: a worker that lost the cluster to another writes
 * nothing and learns it from the `false`.
 */
export async function publishSnapshot(
  clusterId: string,
  owner: string,
  snapshot: TopologySnapshot,
  events: TopologyEventInput[],
): Promise<boolean> {
  const rows = events.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
  const result = await db.$queryRaw<{ updated: number }[]>`
    WITH updated AS (
      UPDATE "TopologyState" SET "snapshot" = ${JSON.stringify(snapshot)}, "snapshotAt" = now()
      WHERE "clusterId" = ${clusterId} AND "leaseOwner" = ${owner} AND "leaseExpiresAt" > now()
      RETURNING "clusterId"
    ), inserted AS (
      INSERT INTO "TopologyEvent" ("clusterId", "at", "kind", "severity", "groupName", "selfId", "message", "text", "detail")
      SELECT u."clusterId", e."at", e."kind", e."severity", e."groupName", e."selfId", e."message", e."text", e."detail"
      FROM updated u, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS e("at" timestamp(3), "kind" text, "severity" text, "groupName" text, "selfId" text, "message" text, "text" jsonb, "detail" jsonb)
      RETURNING 1
    )
    SELECT count(*)::int AS updated
    FROM (SELECT pg_notify(${TOPOLOGY_CHANNEL}, ${events.length > 0 ? `${clusterId} events` : clusterId}) FROM updated) AS notified`;
  return (result[0]?.updated ?? 0) > 0;
}

export async function saveLayout(clusterId: string, owner: string, layout: TopologyLayout): Promise<void> {
  await db.topologyState.updateMany({
    where: { clusterId, leaseOwner: owner },
    data: { layout: toJson(layout) },
  });
}

export interface SampleRow {
  clusterId: string;
  nodeKey: string;
  at: number;
  putTps: number | null;
  getTps: number | null;
  diskRatio: number | null;
}

export async function insertSamples(rows: SampleRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.metricSample.createMany({ data: rows.map((r) => ({ ...r, at: new Date(r.at) })) });
}

export async function pruneSamples(now = Date.now()): Promise<number> {
  const { count } = await db.metricSample.deleteMany({ where: { at: { lt: new Date(now - SAMPLE_RETENTION_MS) } } });
  return count;
}

export async function readSamples(clusterId: string, nodeKey: string, sinceMs = Date.now() - SAMPLE_WINDOW_MS) {
  const rows = await db.metricSample.findMany({
    where: { clusterId, nodeKey, at: { gte: new Date(sinceMs) } },
    orderBy: { at: "asc" },
    select: { at: true, putTps: true, getTps: true, diskRatio: true },
  });
  return rows.map((r) => ({ at: r.at.getTime(), putTps: r.putTps, getTps: r.getTps, diskRatio: r.diskRatio }));
}

export type MetricPoint = Awaited<ReturnType<typeof readSamples>>[number];

type EventRow = Awaited<ReturnType<typeof db.topologyEvent.findMany>>[number];

function toRecord(row: EventRow): TopologyEventRecord {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    kind: row.kind as TopologyEventRecord["kind"],
    severity: row.severity as TopologyEventRecord["severity"],
    groupName: row.groupName,
    selfId: row.selfId,
    message: row.message,
    text: row.text as Message | null,
    detail: (row.detail ?? {}) as Record<string, unknown>,
  };
}

/** Events after `afterId`, oldest first: what an SSE stream resumes with. */
export async function readEventsAfter(clusterId: string, afterId: bigint, take = 500): Promise<TopologyEventRecord[]> {
  const rows = await db.topologyEvent.findMany({ where: { clusterId, id: { gt: afterId } }, orderBy: { id: "asc" }, take });
  return rows.map(toRecord);
}

/** The newest `take` events, oldest first: the timeline a page opens with. */
export async function recentEvents(clusterId: string, take = 200): Promise<TopologyEventRecord[]> {
  const rows = await db.topologyEvent.findMany({ where: { clusterId }, orderBy: { id: "desc" }, take });
  return rows.reverse().map(toRecord);
}

/** The stored snapshot as JSON text: served without parsing. */
export async function readSnapshotText(clusterId: string): Promise<string | null> {
  const row = await db.topologyState.findUnique({ where: { clusterId }, select: { snapshot: true } });
  return row?.snapshot ?? null;
}

// Cluster ids are Prisma uuid()s; anything else (junk, NUL bytes from a path) is an unknown cluster without a query.
const CLUSTER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored snapshot (null before the first poll), or undefined when there is no such cluster: one query for both. */
export async function readClusterSnapshot(clusterId: string): Promise<{ text: string | null } | undefined> {
  if (!CLUSTER_ID.test(clusterId)) return undefined;
  const row = await db.cluster.findUnique({ where: { id: clusterId }, select: { topologyState: { select: { snapshot: true } } } });
  return row ? { text: row.topologyState?.snapshot ?? null } : undefined;
}

/** For the routes that read a cluster's rows: an unknown cluster is a 404, not an empty answer. */
export async function requireCluster(clusterId: string): Promise<void> {
  const row = CLUSTER_ID.test(clusterId) ? await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true } }) : null;
  if (!row) throw notFound("cluster");
}

/** The newest event's id, where a stream that asks for no backlog starts. */
export async function latestEventId(clusterId: string): Promise<bigint> {
  const row = await db.topologyEvent.findFirst({ where: { clusterId }, orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0n;
}

/** How the panel watches a cluster: attached by NameServers, through its deployed revision, or not at all. */
export async function watchOf(clusterId: string): Promise<{ source: "attached" | "revision" | null; nameServers: string[] }> {
  const cluster = await db.cluster.findUnique({
    where: { id: clusterId },
    select: { deployedRevisionId: true, attached: { select: { nameServers: true } } },
  });
  if (cluster?.attached) return { source: "attached", nameServers: cluster.attached.nameServers };
  return { source: cluster?.deployedRevisionId ? "revision" : null, nameServers: [] };
}
