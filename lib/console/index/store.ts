import "server-only";
import { db } from "../../db";
import { toJson } from "../../db/json";
import { Prisma } from "../../db/generated/client";
import { type Message, storedMessage } from "../../i18n/message";
import type { IndexState, LagPoint } from "../schema";
import type { ClusterIndexReading } from "./read";
import type { GroupReading, IndexedGroup, IndexedTopic, TopicReading } from "./rows";
import { diffRows, settleGroup, settleTopic } from "./settle";

/**
 * The index in PostgreSQL. A refresh is stored by difference in one transaction, fenced by the topology lease when
 * the worker stores it. Each row remembers when the brokers were read for it (readAt): a refresh that read before a
 * row was refreshed on its own (after a console write) neither overwrites nor deletes it.
 */

/** How long the group chart looks back, and how long samples are kept beyond that (as lib/topology does). */
export const LAG_WINDOW_MS = 60 * 60_000;
export const LAG_RETENTION_MS = 6 * 60 * 60_000;

type Tx = Prisma.TransactionClient;

const topicFromDb = (row: Awaited<ReturnType<typeof db.consoleTopic.findMany>>[number]): IndexedTopic => ({
  name: row.name,
  type: row.type,
  brokerNames: row.brokerNames,
  readQueueNums: row.readQueueNums,
  writeQueueNums: row.writeQueueNums,
  perm: row.perm,
  order: row.order,
  messages: Number(row.messages),
  lastUpdatedAt: row.lastUpdatedAt?.getTime() ?? null,
  consumerGroups: row.consumerGroups,
});

const groupFromDb = (row: Awaited<ReturnType<typeof db.consoleGroup.findMany>>[number]): IndexedGroup => ({
  name: row.name,
  online: row.online,
  clients: row.clients,
  messageModel: row.messageModel === "CLUSTERING" || row.messageModel === "BROADCASTING" ? row.messageModel : null,
  consumeTps: row.consumeTps,
  lag: Number(row.lag),
  topics: row.topics,
  brokerNames: row.brokerNames,
});

// Inserts new rows and updates changed ones in one statement each; a row read after `readAt` is left as it is.
async function upsertTopics(tx: Tx, clusterId: string, rows: IndexedTopic[], readAt: Date): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({ ...r, lastUpdatedAt: r.lastUpdatedAt === null ? null : new Date(r.lastUpdatedAt).toISOString() })),
  );
  await tx.$executeRaw`
    INSERT INTO "ConsoleTopic" ("clusterId", "name", "type", "brokerNames", "readQueueNums", "writeQueueNums", "perm", "order",
      "messages", "lastUpdatedAt", "consumerGroups", "readAt")
    SELECT ${clusterId}, r."name", r."type", r."brokerNames", r."readQueueNums", r."writeQueueNums", r."perm", r."order",
      r."messages", r."lastUpdatedAt", r."consumerGroups", ${readAt}
    FROM jsonb_to_recordset(${json}::jsonb) AS r("name" text, "type" "ConsoleTopicType", "brokerNames" text[], "readQueueNums" int,
      "writeQueueNums" int, "perm" int, "order" boolean, "messages" bigint, "lastUpdatedAt" timestamp(3), "consumerGroups" text[])
    ON CONFLICT ("clusterId", "name") DO UPDATE SET "type" = EXCLUDED."type", "brokerNames" = EXCLUDED."brokerNames",
      "readQueueNums" = EXCLUDED."readQueueNums", "writeQueueNums" = EXCLUDED."writeQueueNums", "perm" = EXCLUDED."perm",
      "order" = EXCLUDED."order", "messages" = EXCLUDED."messages", "lastUpdatedAt" = EXCLUDED."lastUpdatedAt",
      "consumerGroups" = EXCLUDED."consumerGroups", "readAt" = EXCLUDED."readAt"
    WHERE "ConsoleTopic"."readAt" <= EXCLUDED."readAt"`;
}

async function upsertGroups(tx: Tx, clusterId: string, rows: IndexedGroup[], readAt: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "ConsoleGroup" ("clusterId", "name", "online", "clients", "messageModel", "consumeTps", "lag", "topics", "brokerNames", "readAt")
    SELECT ${clusterId}, r."name", r."online", r."clients", r."messageModel", r."consumeTps", r."lag", r."topics", r."brokerNames", ${readAt}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("name" text, "online" boolean, "clients" int, "messageModel" text,
      "consumeTps" double precision, "lag" bigint, "topics" text[], "brokerNames" text[])
    ON CONFLICT ("clusterId", "name") DO UPDATE SET "online" = EXCLUDED."online", "clients" = EXCLUDED."clients",
      "messageModel" = EXCLUDED."messageModel", "consumeTps" = EXCLUDED."consumeTps", "lag" = EXCLUDED."lag",
      "topics" = EXCLUDED."topics", "brokerNames" = EXCLUDED."brokerNames", "readAt" = EXCLUDED."readAt"
    WHERE "ConsoleGroup"."readAt" <= EXCLUDED."readAt"`;
}

async function insertLagSamples(tx: Tx, clusterId: string, rows: IndexedGroup[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.consoleLagSample.createMany({ data: rows.map((r) => ({ clusterId, group: r.name, at, lag: BigInt(r.lag) })) });
}

/** True while `owner` holds the cluster's topology lease (the worker that polls it is the one that indexes it). */
async function holdsLease(tx: Tx, clusterId: string, owner: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ held: boolean }[]>`
    SELECT true AS held FROM "TopologyState"
    WHERE "clusterId" = ${clusterId} AND "leaseOwner" = ${owner} AND "leaseExpiresAt" > now()`;
  return rows.length === 1;
}

export interface StoredRefresh {
  readAt: number;
  durationMs: number;
  /** English and the Message of the problem the refresh went on despite (calls that failed), or null. */
  problem: { english: string; message: Message } | null;
}

/**
 * Stores a whole refresh: rows added, changed and removed since the stored index, a lag sample per group, and the
 * index's state. With `owner`, only while it holds the cluster's lease; false when it did not.
 */
export async function storeClusterIndex(
  clusterId: string,
  reading: ClusterIndexReading,
  refresh: StoredRefresh,
  owner?: string,
): Promise<boolean> {
  const readAt = new Date(refresh.readAt);
  return db.$transaction(async (tx) => {
    if (owner && !(await holdsLease(tx, clusterId, owner))) return false;
    const [storedTopics, storedGroups] = await Promise.all([
      tx.consoleTopic.findMany({ where: { clusterId } }).then((rows) => new Map(rows.map((r) => [r.name, topicFromDb(r)]))),
      tx.consoleGroup.findMany({ where: { clusterId } }).then((rows) => new Map(rows.map((r) => [r.name, groupFromDb(r)]))),
    ]);
    const topics = reading.topics.map((t) => settleTopic(t, storedTopics.get(t.row.name)));
    const groups = reading.groups.map((g) => settleGroup(g, storedGroups.get(g.row.name)));
    const topicDiff = diffRows([...storedTopics.values()], topics);
    const groupDiff = diffRows([...storedGroups.values()], groups);

    await upsertTopics(tx, clusterId, [...topicDiff.added, ...topicDiff.changed], readAt);
    await upsertGroups(tx, clusterId, [...groupDiff.added, ...groupDiff.changed], readAt);
    if (topicDiff.removed.length > 0)
      await tx.consoleTopic.deleteMany({ where: { clusterId, name: { in: topicDiff.removed }, readAt: { lt: readAt } } });
    if (groupDiff.removed.length > 0)
      await tx.consoleGroup.deleteMany({ where: { clusterId, name: { in: groupDiff.removed }, readAt: { lt: readAt } } });
    await insertLagSamples(tx, clusterId, groups, readAt);
    const state = {
      refreshedAt: new Date(refresh.readAt + refresh.durationMs),
      durationMs: Math.round(refresh.durationMs),
      brokerCalls: reading.brokerCalls,
      error: refresh.problem?.english ?? null,
      errorMessage: refresh.problem ? toJson(refresh.problem.message) : Prisma.DbNull,
    };
    await tx.consoleIndexState.upsert({ where: { clusterId }, create: { clusterId, ...state }, update: state });
    return true;
  });
}

/** A refresh that failed as a whole: the index keeps its rows and says why they are not fresher. */
export async function recordIndexFailure(clusterId: string, english: string, said: Message): Promise<void> {
  const failure = { error: english, errorMessage: toJson(said) };
  await db.consoleIndexState.upsert({ where: { clusterId }, create: { clusterId, ...failure }, update: failure });
}

/** One topic's row as just read (after a console write), or gone when no group has the topic any more. */
export async function storeTopicRow(clusterId: string, name: string, reading: TopicReading | null, readAt: number): Promise<void> {
  if (!reading) return removeTopicRow(clusterId, name);
  await db.$transaction(async (tx) => {
    const stored = await tx.consoleTopic.findUnique({ where: { clusterId_name: { clusterId, name } } });
    await upsertTopics(tx, clusterId, [settleTopic(reading, stored ? topicFromDb(stored) : undefined)], new Date(readAt));
  });
}

export async function storeGroupRow(clusterId: string, name: string, reading: GroupReading | null, readAt: number): Promise<void> {
  if (!reading) return removeGroupRow(clusterId, name);
  await db.$transaction(async (tx) => {
    const stored = await tx.consoleGroup.findUnique({ where: { clusterId_name: { clusterId, name } } });
    const row = settleGroup(reading, stored ? groupFromDb(stored) : undefined);
    await upsertGroups(tx, clusterId, [row], new Date(readAt));
    await insertLagSamples(tx, clusterId, [row], new Date(readAt));
  });
}

/** Drops a topic's row at once (after a delete), without waiting for the next refresh. */
export async function removeTopicRow(clusterId: string, name: string): Promise<void> {
  await db.consoleTopic.deleteMany({ where: { clusterId, name } });
}

export async function removeGroupRow(clusterId: string, name: string): Promise<void> {
  await db.consoleGroup.deleteMany({ where: { clusterId, name } });
}

export async function pruneLagSamples(now = Date.now()): Promise<number> {
  const { count } = await db.consoleLagSample.deleteMany({ where: { at: { lt: new Date(now - LAG_RETENTION_MS) } } });
  return count;
}

/** A group's total lag at each refresh of the last hour, oldest first. */
export async function readLag(clusterId: string, group: string, sinceMs = Date.now() - LAG_WINDOW_MS): Promise<LagPoint[]> {
  const rows = await db.consoleLagSample.findMany({
    where: { clusterId, group, at: { gte: new Date(sinceMs) } },
    orderBy: { at: "asc" },
    select: { at: true, lag: true },
  });
  return rows.map((r) => ({ at: r.at.getTime(), lag: Number(r.lag) }));
}

export async function readIndexState(clusterId: string): Promise<IndexState> {
  const row = await db.consoleIndexState.findUnique({ where: { clusterId } });
  return {
    refreshedAt: row?.refreshedAt?.getTime() ?? null,
    durationMs: row?.durationMs ?? null,
    brokerCalls: row?.brokerCalls ?? null,
    error: row?.error ?? null,
    errorMessage: row?.error ? storedMessage(row.errorMessage, row.error) : null,
  };
}
