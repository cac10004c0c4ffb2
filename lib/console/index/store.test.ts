import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { message } from "../../i18n/message";
import { claimLease } from "../../topology/lease";
import { groupListQuery, topicListQuery } from "../schema";
import { listGroups, listTopics } from "./queries";
import type { ClusterIndexReading } from "./read";
import type { GroupReading, IndexedGroup, IndexedTopic, TopicReading } from "./rows";
import {
  LAG_RETENTION_MS,
  pruneLagSamples,
  readIndexState,
  readLag,
  recordIndexFailure,
  removeGroupRow,
  storeClusterIndex,
  storeGroupRow,
  storeTopicRow,
} from "./store";

let clusterId: string;

beforeAll(async () => {
  const cluster = await db.cluster.create({
    data: { name: `console-index-${Date.now()}`, brokerClusterName: "RaftCluster", rocketmqVersion: "4.9.7" },
  });
  clusterId = cluster.id;
});

const topic = (name: string, over: Partial<IndexedTopic> = {}): TopicReading => ({
  row: {
    name,
    type: "normal",
    brokerNames: ["RaftNode00"],
    readQueueNums: 4,
    writeQueueNums: 4,
    perm: 6,
    order: false,
    messages: 0,
    lastUpdatedAt: null,
    consumerGroups: [],
    ...over,
  },
  statsMissing: false,
});
const group = (name: string, over: Partial<IndexedGroup> = {}): GroupReading => ({
  row: { name, online: false, clients: 0, messageModel: null, consumeTps: 0, lag: 0, topics: [], brokerNames: ["RaftNode00"], ...over },
  consumeMissing: false,
  connectionMissing: false,
});

// 60 application topics t-00 … t-59 with t-NN holding NN × 1000 messages, a few with LIKE's wildcards in their
// names, and RocketMQ's own; groups that lag, are online, or neither.
const TOPICS = [
  ...Array.from({ length: 60 }, (_, i) =>
    topic(`t-${String(i).padStart(2, "0")}`, {
      messages: i * 1000,
      lastUpdatedAt: i === 0 ? null : 1_700_000_000_000 + i,
      writeQueueNums: (i % 4) + 1,
    }),
  ),
  topic("a_b"),
  topic("axb"),
  topic("100%"),
  topic("1000"),
  topic("%RETRY%g-lagging", { type: "retry" }),
  topic("%DLQ%g-lagging", { type: "dlq" }),
  topic("TBW102", { type: "system" }),
  // Larger than 2^31: offsets are 64-bit.
  topic("huge", { messages: 5_000_000_000 }),
];
const GROUPS = [
  group("g-lagging", { online: true, clients: 2, messageModel: "CLUSTERING", consumeTps: 12.5, lag: 40, topics: ["t-01"] }),
  group("g-caught-up", { online: true, clients: 1, messageModel: "BROADCASTING", consumeTps: 3, lag: 0 }),
  group("g-offline-lagging", { lag: 7 }),
  group("TOOLS_CONSUMER"),
];
const reading = (topics: TopicReading[], groups: GroupReading[], brokerCalls = 3000): ClusterIndexReading => ({
  topics,
  groups,
  brokerCalls,
  failures: [],
});
const refresh = (readAt: number) => ({ readAt, durationMs: 1234.4, problem: null });

describe("the console index in PostgreSQL", () => {
  const t0 = Date.now() - 60_000;

  it("stores a refresh, and lists topics filtered, sorted and paged on the server with the index's state", async () => {
    expect((await listTopics(clusterId, topicListQuery.parse({}))).index).toEqual({
      refreshedAt: null,
      durationMs: null,
      brokerCalls: null,
      error: null,
      errorMessage: null,
    });
    expect(await storeClusterIndex(clusterId, reading(TOPICS, GROUPS), refresh(t0))).toBe(true);

    const first = await listTopics(clusterId, topicListQuery.parse({ pageSize: "10" }));
    expect(first.total).toBe(TOPICS.length);
    expect(first.items.map((t) => t.name)).toEqual([
      "%DLQ%g-lagging",
      "%RETRY%g-lagging",
      "100%",
      "1000",
      "TBW102",
      "a_b",
      "axb",
      "huge",
      "t-00",
      "t-01",
    ]);
    expect(first.items[8]).toEqual({
      name: "t-00",
      type: "normal",
      brokerNames: ["RaftNode00"],
      readQueueNums: 4,
      writeQueueNums: 1,
      perm: 6,
      order: false,
      messages: 0,
      lastUpdatedAt: null,
    });
    expect(first.index).toEqual({ refreshedAt: t0 + 1234, durationMs: 1234, brokerCalls: 3000, error: null, errorMessage: null });
    expect(first.items.find((t) => t.name === "huge")?.messages).toBe(5_000_000_000);

    const busiest = await listTopics(clusterId, topicListQuery.parse({ sort: "messages", order: "desc", page: "2", pageSize: "5" }));
    expect(busiest).toMatchObject({ total: TOPICS.length, page: 2, pageSize: 5 });
    expect(busiest.items.map((t) => t.name)).toEqual(["t-55", "t-54", "t-53", "t-52", "t-51"]);
    const beyond = await listTopics(clusterId, topicListQuery.parse({ page: "100" }));
    expect(beyond).toMatchObject({ items: [], total: TOPICS.length });

    // Never updated counts as oldest; ties by name.
    const stale = await listTopics(clusterId, topicListQuery.parse({ sort: "updated", pageSize: "2" }));
    expect(stale.items.map((t) => t.name)).toEqual(["%DLQ%g-lagging", "%RETRY%g-lagging"]);
    const queues = await listTopics(clusterId, topicListQuery.parse({ sort: "queues", order: "desc", type: "normal", pageSize: "3" }));
    expect(queues.items.map((t) => [t.name, t.writeQueueNums])).toEqual([
      ["100%", 4],
      ["1000", 4],
      ["a_b", 4],
    ]);
  });

  it("searches names literally: % and _ match only themselves, case aside", async () => {
    const names = async (q: string, type?: string) =>
      (await listTopics(clusterId, topicListQuery.parse({ q, ...(type && { type }) }))).items.map((t) => t.name);
    expect(await names("a_b")).toEqual(["a_b"]);
    expect(await names("0%")).toEqual(["100%"]);
    expect(await names("%RETRY%")).toEqual(["%RETRY%g-lagging"]);
    expect(await names("T-5")).toHaveLength(10);
    expect(await names("g-lagging", "dlq")).toEqual(["%DLQ%g-lagging"]);
    expect(await names("tbw", "system")).toEqual(["TBW102"]);
    expect(await names("nothing")).toEqual([]);
  });

  it("lists groups: all, lagging, offline, sorted by lag or TPS", async () => {
    const list = (query: Record<string, string>) => listGroups(clusterId, groupListQuery.parse(query));
    const all = await list({});
    expect(all.total).toBe(4);
    expect(all.items[0]).toEqual({
      name: "TOOLS_CONSUMER",
      online: false,
      clients: 0,
      messageModel: null,
      consumeTps: 0,
      lag: 0,
      topics: [],
      brokerNames: ["RaftNode00"],
    });
    expect((await list({ filter: "lagging", sort: "lag", order: "desc" })).items.map((g) => g.name)).toEqual([
      "g-lagging",
      "g-offline-lagging",
    ]);
    expect((await list({ filter: "offline" })).items.map((g) => g.name)).toEqual(["TOOLS_CONSUMER", "g-offline-lagging"]);
    expect((await list({ sort: "tps", order: "desc", pageSize: "1" })).items[0]).toMatchObject({
      name: "g-lagging",
      consumeTps: 12.5,
      messageModel: "CLUSTERING",
      clients: 2,
    });
    expect((await list({ q: "CAUGHT" })).items.map((g) => g.name)).toEqual(["g-caught-up"]);
  });

  it("stores the next refresh by difference: changes, removals, and stored figures where a call failed", async () => {
    const t1 = t0 + 30_000;
    const topics = [
      ...TOPICS.filter((t) => t.row.name !== "axb" && t.row.name !== "t-01"),
      // Its stats failed this time: the stored 1000 messages stand.
      { ...topic("t-01", { messages: 0, readQueueNums: 8 }), statsMissing: true },
      topic("brand-new", { messages: 3 }),
    ];
    const groups = GROUPS.map((g) => (g.row.name === "g-lagging" ? group("g-lagging", { ...g.row, lag: 10 }) : g));
    const failed = message("errors.console.index.callsFailed", {
      failed: 1,
      calls: 3001,
      error: message("errors.verbatim", { text: "boom" }),
    });
    await storeClusterIndex(clusterId, reading(topics, groups, 3001), {
      readAt: t1,
      durationMs: 900,
      problem: { english: "1 of 3,001 broker calls failed …", message: failed },
    });
    const rows = (await listTopics(clusterId, topicListQuery.parse({ pageSize: "200" }))).items;
    expect(rows.map((t) => t.name)).not.toContain("axb");
    expect(rows.find((t) => t.name === "t-01")).toMatchObject({ messages: 1000, readQueueNums: 8 });
    expect(rows.find((t) => t.name === "brand-new")).toMatchObject({ messages: 3 });
    expect(await readIndexState(clusterId)).toEqual({
      refreshedAt: t1 + 900,
      durationMs: 900,
      brokerCalls: 3001,
      error: "1 of 3,001 broker calls failed …",
      errorMessage: failed,
    });
    // Only what changed was written: the untouched rows still carry the first refresh's read time.
    const readAts = await db.consoleTopic.findMany({ where: { clusterId }, select: { name: true, readAt: true } });
    expect(
      readAts
        .filter((r) => r.readAt.getTime() === t1)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["brand-new", "t-01"]);
  });

  it("lets a row refreshed after a console write stand against a refresh that read before it", async () => {
    const t2 = t0 + 40_000;
    await storeTopicRow(clusterId, "just-created", topic("just-created", { messages: 1 }), t2);
    await storeGroupRow(clusterId, "g-caught-up", group("g-caught-up", { lag: 99 }), t2);
    // A refresh that read the brokers before the write knows neither change.
    await storeClusterIndex(clusterId, reading(TOPICS, GROUPS), refresh(t2 - 5_000));
    const names = (await listTopics(clusterId, topicListQuery.parse({ pageSize: "200" }))).items.map((t) => t.name);
    expect(names).toContain("just-created");
    const groups = (await listGroups(clusterId, groupListQuery.parse({}))).items;
    expect(groups.find((g) => g.name === "g-caught-up")?.lag).toBe(99);
    // A topic no group has any more is dropped at once, a removed group too.
    await storeTopicRow(clusterId, "just-created", null, t2 + 1);
    await removeGroupRow(clusterId, "g-caught-up");
    expect((await listTopics(clusterId, topicListQuery.parse({ q: "just-created" }))).total).toBe(0);
    expect((await listGroups(clusterId, groupListQuery.parse({ q: "g-caught-up" }))).total).toBe(0);
  });

  it("stores a worker's refresh only while it holds the cluster's lease", async () => {
    expect(await claimLease(clusterId, "worker-a", 10_000)).toBe(true);
    expect(await storeClusterIndex(clusterId, reading([], []), refresh(Date.now()), "worker-b")).toBe(false);
    expect((await listTopics(clusterId, topicListQuery.parse({}))).total).toBeGreaterThan(0);
    expect(await storeClusterIndex(clusterId, reading(TOPICS, GROUPS), refresh(Date.now()), "worker-a")).toBe(true);
  });

  it("keeps the rows when a refresh fails as a whole, saying why", async () => {
    const said = message("errors.console.index.noGroups", { cluster: "RaftCluster" });
    await recordIndexFailure(clusterId, "The panel knows no broker group …", said);
    const page = await listTopics(clusterId, topicListQuery.parse({}));
    expect(page.total).toBe(TOPICS.length);
    expect(page.index).toMatchObject({ error: "The panel knows no broker group …", errorMessage: said, brokerCalls: 3000 });
  });

  it("charts a group's lag over the last hour and prunes samples after six hours", async () => {
    const now = Date.now();
    const lags = (await readLag(clusterId, "g-lagging")).map((p) => p.lag);
    // One sample per stored refresh: 40, 10, 40, 40 (the fenced-out refresh stored none).
    expect(lags).toEqual([40, 10, 40, 40]);
    await db.consoleLagSample.create({ data: { clusterId, group: "g-lagging", at: new Date(now - 2 * 60 * 60_000), lag: 5n } });
    await db.consoleLagSample.create({ data: { clusterId, group: "g-lagging", at: new Date(now - LAG_RETENTION_MS - 60_000), lag: 6n } });
    expect(await readLag(clusterId, "g-lagging")).toHaveLength(4);
    expect(await pruneLagSamples(now)).toBe(1);
    expect(await db.consoleLagSample.count({ where: { clusterId, group: "g-lagging" } })).toBe(5);
  });

  it("goes with its cluster", async () => {
    await db.cluster.delete({ where: { id: clusterId } });
    const left = await Promise.all([
      db.consoleTopic.count({ where: { clusterId } }),
      db.consoleGroup.count({ where: { clusterId } }),
      db.consoleLagSample.count({ where: { clusterId } }),
      db.consoleIndexState.count({ where: { clusterId } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0]);
  });
});
