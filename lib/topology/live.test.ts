import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import { message } from "../i18n/message";
import { claimLease } from "./lease";
import { latestSnapshotText, MAX_STREAMS_PER_USER, MAX_UNWATCHED_SNAPSHOTS, topologyCacheStats, topologyEventStream } from "./live";
import { buildSnapshot } from "./snapshot";
import { publishSnapshot, recentEvents, requireCluster } from "./store";
import { agreeing, labLayout, META } from "./testing/readings";

const run = Date.now();
let clusterIds: string[] = [];

beforeAll(async () => {
  // A few more real clusters than the cache keeps unwatched.
  const names = Array.from({ length: MAX_UNWATCHED_SNAPSHOTS + 6 }, (_, i) => `live-cache-${run}-${i}`);
  await db.cluster.createMany({ data: names.map((name) => ({ name, brokerClusterName: "RaftCluster", rocketmqVersion: "4.9.3" })) });
  const rows = await db.cluster.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  clusterIds = names.map((name) => rows.find((r) => r.name === name)!.id);
});

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error) => (error instanceof AppError ? error.status : 500),
  );

describe("an unknown cluster", () => {
  it("is a 404 and never enters the cache, whatever the id looks like", async () => {
    const before = topologyCacheStats().clusterIds.length;
    for (const id of [randomUUID(), randomUUID(), "not-a-uuid", "a\u0000b", "%ff"]) {
      expect(await status(latestSnapshotText(id)), id).toBe(404);
      expect(await status(requireCluster(id)), id).toBe(404);
      expect(topologyCacheStats().clusterIds).not.toContain(id);
    }
    expect(topologyCacheStats().clusterIds.length).toBe(before);
  });

  it("cannot open a stream, and the refused stream does not count against the user", async () => {
    const userId = `user-${run}-unknown`;
    const controller = new AbortController();
    expect(await status(topologyEventStream(randomUUID(), userId, null, controller.signal))).toBe(404);
    expect(topologyCacheStats().streamsByUser[userId]).toBeUndefined();
  });
});

describe("the snapshot cache", () => {
  it("serves a known cluster without a snapshot as null", async () => {
    expect(await latestSnapshotText(clusterIds[0])).toBeNull();
    expect(topologyCacheStats().clusterIds).toContain(clusterIds[0]);
  });

  it(`keeps at most ${MAX_UNWATCHED_SNAPSHOTS} unwatched clusters, evicting the least recently used, never a streamed one`, async () => {
    const controller = new AbortController();
    const streamed = clusterIds[1];
    await topologyEventStream(streamed, `user-${run}-watcher`, null, controller.signal);
    for (const id of clusterIds.slice(2)) {
      await latestSnapshotText(id);
      // Read the first one over and over: it stays among the recently used.
      await latestSnapshotText(clusterIds[0]);
    }
    const cached = topologyCacheStats().clusterIds;
    expect(cached.length).toBe(MAX_UNWATCHED_SNAPSHOTS + 1);
    expect(cached).toContain(streamed);
    expect(cached).toContain(clusterIds[0]);
    expect(cached).toContain(clusterIds.at(-1));
    // The oldest reads went first.
    expect(cached).not.toContain(clusterIds[2]);
    controller.abort();
  });
});

describe("streams per user", () => {
  it(`allow ${MAX_STREAMS_PER_USER} open at once; the next is a 429 until one closes`, async () => {
    const userId = `user-${run}-many`;
    const controllers = Array.from({ length: MAX_STREAMS_PER_USER }, () => new AbortController());
    for (const controller of controllers) await topologyEventStream(clusterIds[0], userId, null, controller.signal);
    expect(topologyCacheStats().streamsByUser[userId]).toBe(MAX_STREAMS_PER_USER);

    const extra = new AbortController();
    expect(await status(topologyEventStream(clusterIds[0], userId, null, extra.signal))).toBe(429);
    // Another user is not affected.
    const other = new AbortController();
    await topologyEventStream(clusterIds[0], `user-${run}-other`, null, other.signal);

    controllers[0].abort();
    await topologyEventStream(clusterIds[0], userId, null, extra.signal);
    expect(topologyCacheStats().streamsByUser[userId]).toBe(MAX_STREAMS_PER_USER);

    for (const controller of [...controllers, extra, other]) controller.abort();
    expect(topologyCacheStats().streamsByUser[userId]).toBeUndefined();
  });

  it("gives the slot back when the reader cancels the stream", async () => {
    const userId = `user-${run}-cancel`;
    const stream = await topologyEventStream(clusterIds[0], userId, 0n, new AbortController().signal);
    expect(topologyCacheStats().streamsByUser[userId]).toBe(1);
    await stream.cancel();
    expect(topologyCacheStats().streamsByUser[userId]).toBeUndefined();
  });
});

describe("the stream's wire format", () => {
  it("says retry first, then each snapshot the worker stores and each timeline event with its id", async () => {
    const cluster = await db.cluster.create({
      data: { name: `live-wire-${run}`, brokerClusterName: "RaftCluster", rocketmqVersion: "4.9.3" },
    });
    expect(await claimLease(cluster.id, "live-test", 60_000)).toBe(true);
    const controller = new AbortController();
    const reader = (await topologyEventStream(cluster.id, `user-${run}-wire`, null, controller.signal)).getReader();
    const decoder = new TextDecoder();
    const read = async () => decoder.decode((await reader.read()).value);
    expect(await read()).toBe("retry: 1000\n\n");

    const at = Date.now();
    const layout = labLayout();
    const snapshot = buildSnapshot(layout, agreeing(layout, at), { ...META, clusterId: cluster.id }, null, at);
    const event = {
      at,
      kind: "node_down" as const,
      severity: "error" as const,
      groupName: "RaftNode00",
      selfId: "n1",
      message: "n1 down",
      text: message("topologyEvents.nodeDownSilent", { group: "RaftNode00", node: "n1", address: "10.0.1.2:40911" }),
      detail: {},
    };
    expect(await publishSnapshot(cluster.id, "live-test", snapshot, [event])).toBe(true);
    let text = "";
    while (!(text.includes("event: snapshot\n") && text.includes("event: event\n"))) text += await read();
    const [stored] = await recentEvents(cluster.id);
    expect(stored.text).toEqual(event.text);
    const frames = text.split("\n\n").filter(Boolean);
    expect(frames).toContain(`id: ${stored.id}\nevent: event\ndata: ${JSON.stringify(stored)}`);
    const snapshotFrame = frames.find((frame) => frame.startsWith("event: snapshot\n"))!;
    expect(snapshotFrame).toMatch(/^event: snapshot\ndata: \{"serverNow":\d+,"snapshot":\{.*\}\}$/);
    expect(JSON.parse(snapshotFrame.slice("event: snapshot\ndata: ".length)).snapshot).toEqual(JSON.parse(JSON.stringify(snapshot)));
    controller.abort();
    expect((await reader.read()).done).toBe(true);
  });
});
