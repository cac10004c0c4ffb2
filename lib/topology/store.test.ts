import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { message } from "../i18n/message";
import { claimLease, releaseLease } from "./lease";
import type { TopologySnapshot } from "./model";
import { buildSnapshot } from "./snapshot";
import { latestEventId, loadTopologyState, publishSnapshot, readEventsAfter, recentEvents, saveLayout, TOPOLOGY_CHANNEL } from "./store";
import { agreeing, labLayout, META } from "./testing/readings";

let clusterId: string;
let listener: pg.Client;
const notifications: string[] = [];

beforeAll(async () => {
  const cluster = await db.cluster.create({
    data: { name: `topology-store-${Date.now()}`, brokerClusterName: "RaftCluster", rocketmqVersion: "4.9.3" },
  });
  clusterId = cluster.id;
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (message) => notifications.push(message.payload ?? ""));
  await listener.query(`LISTEN ${TOPOLOGY_CHANNEL}`);
});

afterAll(() => listener.end());

const snapshot = (at: number): TopologySnapshot => {
  const layout = labLayout();
  return buildSnapshot(layout, agreeing(layout, at), { ...META, clusterId }, null, at);
};

const NODE_DOWN = message("topologyEvents.nodeDownSilent", { group: "RaftNode00", node: "n1", address: "10.0.1.2:40911" });

const event = (at: number, english: string) => ({
  at,
  kind: "node_down" as const,
  severity: "error" as const,
  groupName: "RaftNode00",
  selfId: "n1",
  message: english,
  text: NODE_DOWN,
  detail: { why: "test" },
});

describe("the poller lease", () => {
  it("lets one worker hold a cluster, renew it, and lose it to another only once it expired", async () => {
    expect(await claimLease(clusterId, "worker-a", 300)).toBe(true);
    expect(await claimLease(clusterId, "worker-b", 300)).toBe(false);
    expect(await claimLease(clusterId, "worker-a", 300)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await claimLease(clusterId, "worker-b", 10_000)).toBe(true);
    expect(await claimLease(clusterId, "worker-a", 10_000)).toBe(false);
  });

  it("fences writes: only the holder stores snapshots and events, and each write is announced", async () => {
    const t = Date.now();
    expect(await publishSnapshot(clusterId, "worker-a", snapshot(t), [event(t, "from a stale worker")])).toBe(false);
    expect(await publishSnapshot(clusterId, "worker-b", snapshot(t), [])).toBe(true);
    expect(await publishSnapshot(clusterId, "worker-b", snapshot(t + 1), [event(t + 1, "n1 down"), event(t + 1, "n1 still down")])).toBe(
      true,
    );
    const events = await recentEvents(clusterId);
    expect(events.map((e) => e.message)).toEqual(["n1 down", "n1 still down"]);
    expect(events[0]).toMatchObject({
      kind: "node_down",
      severity: "error",
      groupName: "RaftNode00",
      selfId: "n1",
      text: NODE_DOWN,
      detail: { why: "test" },
      at: new Date(t + 1).toISOString(),
    });
    expect(await readEventsAfter(clusterId, BigInt(events[0].id))).toEqual([events[1]]);
    expect(await latestEventId(clusterId)).toBe(BigInt(events[1].id));
    expect((await loadTopologyState(clusterId)).snapshot?.generatedAt).toBe(t + 1);
    await expect.poll(() => notifications).toEqual([clusterId, `${clusterId} events`]);
  });

  it("keeps the learned layout for the holder only, and a released lease is free at once", async () => {
    await saveLayout(clusterId, "worker-a", { ...labLayout(), brokerClusterName: "not-the-holder" });
    await saveLayout(clusterId, "worker-b", labLayout());
    expect((await loadTopologyState(clusterId)).layout).toEqual(labLayout());
    await releaseLease(clusterId, "worker-b");
    expect(await claimLease(clusterId, "worker-a")).toBe(true);
  });

  it("reads an event stored before events had messages with its English text only", async () => {
    const row = await db.topologyEvent.create({
      data: {
        clusterId,
        at: new Date(),
        kind: "node_up",
        severity: "info",
        groupName: "RaftNode00",
        selfId: "n1",
        message: "RaftNode00 n1 answers again",
      },
    });
    expect((await recentEvents(clusterId)).at(-1)).toMatchObject({
      id: row.id.toString(),
      message: "RaftNode00 n1 answers again",
      text: null,
    });
  });
});
