import "server-only";
import { db } from "../../db";
import { Prisma } from "../../db/generated/client";
import type { GroupListQuery, GroupPage, GroupRow, TopicListQuery, TopicPage, TopicRow, TopicType } from "../schema";
import { readIndexState } from "./store";

/**
 * The topic and consumer-group lists, served from the index: filtered, sorted and paginated in PostgreSQL, with the
 * total count and the index's freshness. Topic names are ASCII, so names sort by code point (COLLATE "C").
 */

/** A LIKE pattern that finds `search` anywhere: topic names contain `%` and `_`, which must match only themselves. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const BY_NAME = Prisma.sql`"name" COLLATE "C"`;

const TOPIC_ORDER: Record<TopicListQuery["sort"], Prisma.Sql> = {
  name: BY_NAME,
  messages: Prisma.sql`"messages"`,
  queues: Prisma.sql`"writeQueueNums"`,
  updated: Prisma.sql`"lastUpdatedAt"`,
};

const GROUP_ORDER: Record<GroupListQuery["sort"], Prisma.Sql> = {
  name: BY_NAME,
  lag: Prisma.sql`"lag"`,
  tps: Prisma.sql`"consumeTps"`,
};

/** The sort column in the asked direction (never updated counts as oldest), then the name for a stable page. */
function orderBy(column: Prisma.Sql, order: "asc" | "desc"): Prisma.Sql {
  if (column === BY_NAME) return order === "asc" ? Prisma.sql`${BY_NAME} ASC` : Prisma.sql`${BY_NAME} DESC`;
  const direction = order === "asc" ? Prisma.sql`ASC NULLS FIRST` : Prisma.sql`DESC NULLS LAST`;
  return Prisma.sql`${column} ${direction}, ${BY_NAME} ASC`;
}

interface ListSql {
  where: Prisma.Sql;
  order: Prisma.Sql;
  limit: number;
  offset: number;
}

export function topicListSql(clusterId: string, query: TopicListQuery): ListSql {
  const conditions = [Prisma.sql`"clusterId" = ${clusterId}`];
  if (query.type) conditions.push(Prisma.sql`"type" = ${query.type}::"ConsoleTopicType"`);
  if (query.q) conditions.push(Prisma.sql`"name" ILIKE ${containsPattern(query.q)} ESCAPE '\\'`);
  return page(conditions, orderBy(TOPIC_ORDER[query.sort], query.order), query);
}

export function groupListSql(clusterId: string, query: GroupListQuery): ListSql {
  const conditions = [Prisma.sql`"clusterId" = ${clusterId}`];
  if (query.filter === "lagging") conditions.push(Prisma.sql`"lag" > 0`);
  if (query.filter === "offline") conditions.push(Prisma.sql`NOT "online"`);
  if (query.q) conditions.push(Prisma.sql`"name" ILIKE ${containsPattern(query.q)} ESCAPE '\\'`);
  return page(conditions, orderBy(GROUP_ORDER[query.sort], query.order), query);
}

function page(conditions: Prisma.Sql[], order: Prisma.Sql, query: { page: number; pageSize: number }): ListSql {
  return { where: Prisma.join(conditions, " AND "), order, limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

interface TopicRecord {
  name: string;
  type: TopicType;
  brokerNames: string[];
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  order: boolean;
  messages: bigint;
  lastUpdatedAt: Date | null;
}

export async function listTopics(clusterId: string, query: TopicListQuery): Promise<TopicPage> {
  const sql = topicListSql(clusterId, query);
  const [rows, count, index] = await Promise.all([
    db.$queryRaw<TopicRecord[]>`
      SELECT "name", "type"::text AS "type", "brokerNames", "readQueueNums", "writeQueueNums", "perm", "order", "messages", "lastUpdatedAt"
      FROM "ConsoleTopic" WHERE ${sql.where} ORDER BY ${sql.order} LIMIT ${sql.limit} OFFSET ${sql.offset}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" FROM "ConsoleTopic" WHERE ${sql.where}`,
    readIndexState(clusterId),
  ]);
  const items: TopicRow[] = rows.map((r) => ({ ...r, messages: Number(r.messages), lastUpdatedAt: r.lastUpdatedAt?.getTime() ?? null }));
  return { items, total: count[0]?.total ?? 0, page: query.page, pageSize: query.pageSize, index };
}

interface GroupRecord extends Omit<GroupRow, "lag"> {
  lag: bigint;
}

export async function listGroups(clusterId: string, query: GroupListQuery): Promise<GroupPage> {
  const sql = groupListSql(clusterId, query);
  const [rows, count, index] = await Promise.all([
    db.$queryRaw<GroupRecord[]>`
      SELECT "name", "online", "clients", "messageModel", "consumeTps", "lag", "topics", "brokerNames"
      FROM "ConsoleGroup" WHERE ${sql.where} ORDER BY ${sql.order} LIMIT ${sql.limit} OFFSET ${sql.offset}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS "total" FROM "ConsoleGroup" WHERE ${sql.where}`,
    readIndexState(clusterId),
  ]);
  const items: GroupRow[] = rows.map((r) => ({ ...r, lag: Number(r.lag) }));
  return { items, total: count[0]?.total ?? 0, page: query.page, pageSize: query.pageSize, index };
}
