import { describe, expect, it } from "vitest";
import { readingStatus, summarize } from "./model";
import { buildSnapshot } from "./snapshot";
import { agreeing, failed, labLayout, META, ok } from "./testing/readings";

const T0 = 1_800_000_000_000;
const layout = labLayout();
const key = (selfId: string) => `RaftNode00/${selfId}`;

describe("the snapshot of a healthy group", () => {
  const snapshot = buildSnapshot(layout, agreeing(layout, T0, { term: 4 }), META, null, T0 + 100);
  const [group] = snapshot.groups;

  it("names the member that says it leads, its term, and two followers", () => {
    expect(group).toMatchObject({ leaderId: "n0", term: 4, health: "ok", leaderStale: false });
    expect(group.nodes.map((n) => [n.selfId, n.role, n.health])).toEqual([
      ["n0", "leader", "up"],
      ["n1", "follower", "up"],
      ["n2", "follower", "up"],
    ]);
  });

  it("matches the NameServer's brokerIds to the nodes and agrees with DLedger", () => {
    expect(group.nodes.map((n) => n.registeredAs)).toEqual([0, 2, 3]);
    expect(group.namesrv).toMatchObject({ masterAddress: "10.0.1.1:30911", agreement: "agrees" });
    expect(summarize(snapshot)).toEqual({
      groups: 1,
      groupsWithLeader: 1,
      nodes: 3,
      nodesUp: 3,
      nodesDown: 0,
      nameServersUp: 2,
      nameServers: 2,
    });
  });
});

describe("ages and failures", () => {
  it("marks a value stale once two intervals and a deadline passed, never healthy", () => {
    const readings = agreeing(layout, T0);
    const later = buildSnapshot(layout, readings, META, null, T0 + 3_100);
    expect(later.groups[0].nodes.every((n) => n.health === "stale")).toBe(true);
    expect(later.groups[0]).toMatchObject({ leaderId: "n0", leaderStale: true, health: "degraded" });
    expect(readingStatus(later.groups[0].nodes[0].dledger, T0 + 3_100)).toBe("stale");
  });

  it("calls a refused DLedger port down at once, but one timeout only stale", () => {
    const readings = agreeing(layout, T0);
    const n1 = readings.nodes.get(key("n1"))!;
    readings.nodes.set(key("n1"), { ...n1, dledger: failed(n1.dledger, T0 + 1_000, "timeout") });
    const n2 = readings.nodes.get(key("n2"))!;
    readings.nodes.set(key("n2"), { ...n2, dledger: failed(n2.dledger, T0 + 1_000, "refused") });
    const snapshot = buildSnapshot(layout, readings, META, null, T0 + 1_000);
    expect(snapshot.groups[0].nodes.map((n) => n.health)).toEqual(["up", "stale", "down"]);
    expect(snapshot.groups[0].nodes[2].role).toBe("unknown");
    expect(snapshot.groups[0].health).toBe("degraded");
  });

  it("a node never asked is unknown, and a group of unknown nodes is unknown", () => {
    const snapshot = buildSnapshot(layout, { nameServers: new Map(), nodes: new Map() }, META, null, T0);
    expect(snapshot.groups[0]).toMatchObject({ health: "unknown", leaderId: null });
    expect(snapshot.nameServers.map((n) => n.health)).toEqual(["unknown", "unknown"]);
  });
});

describe("a failover", () => {
  it("has no leader while the survivors still name the dead one", () => {
    const readings = agreeing(layout, T0);
    const n0 = readings.nodes.get(key("n0"))!;
    readings.nodes.set(key("n0"), { ...n0, dledger: failed(n0.dledger, T0 + 500, "refused") });
    const snapshot = buildSnapshot(layout, readings, META, null, T0 + 500);
    expect(snapshot.groups[0]).toMatchObject({ leaderId: null, health: "no_leader" });
    expect(snapshot.groups[0].nodes[1]).toMatchObject({ role: "follower", follows: "n0" });
  });

  it("prefers the higher term when an old leader has not heard of the new one yet", () => {
    const readings = agreeing(layout, T0, { leaders: { RaftNode00: "n1" }, term: 5 });
    const n0 = readings.nodes.get(key("n0"))!;
    readings.nodes.set(key("n0"), { ...n0, dledger: ok("dledger", { leaderId: "n0", peers: {} }, T0), term: ok("term", 4, T0) });
    const snapshot = buildSnapshot(layout, readings, META, null, T0);
    expect(snapshot.groups[0]).toMatchObject({ leaderId: "n1", term: 5 });
  });

  it("computes each follower's lag from the runtime offsets", () => {
    const readings = agreeing(layout, T0);
    const figures = (offset: number) =>
      ok("runtime", { version: "V4_9_3", bootTimestamp: T0, putTps: 1, getTps: 0, diskRatio: 0.1, commitLogMaxOffset: offset }, T0);
    for (const [selfId, offset] of [
      ["n0", 5_000],
      ["n1", 5_000],
      ["n2", 3_800],
    ] as const) {
      readings.nodes.set(key(selfId), { ...readings.nodes.get(key(selfId))!, runtime: figures(offset) });
    }
    const snapshot = buildSnapshot(layout, readings, META, null, T0);
    expect(snapshot.groups[0].nodes.map((n) => n.lagBytes)).toEqual([null, 0, 1_200]);
  });
});

describe("the NameServer against DLedger", () => {
  it("settles for a grace period, then disagrees, keeping the time it started", () => {
    const readings = agreeing(layout, T0, { leaders: { RaftNode00: "n1" } });
    // The NameServer still lists n0 as master (a hung leader whose connection is still open).
    for (const [address, reading] of readings.nameServers) {
      readings.nameServers.set(address, { ...reading, value: { groups: { RaftNode00: [{ brokerId: 0, address: "10.0.1.1:30911" }] } } });
    }
    const first = buildSnapshot(layout, readings, META, null, T0);
    expect(first.groups[0].namesrv).toMatchObject({ agreement: "settling", since: T0, masterAddress: "10.0.1.1:30911" });
    const refreshed = (at: number) => {
      const again = agreeing(layout, at, { leaders: { RaftNode00: "n1" } });
      for (const address of again.nameServers.keys())
        again.nameServers.set(address, { ...readings.nameServers.get(address)!, observedAt: at });
      return again;
    };
    const later = buildSnapshot(layout, refreshed(T0 + 11_000), META, first, T0 + 11_000);
    expect(later.groups[0].namesrv).toMatchObject({ agreement: "disagrees", since: T0 });
    expect(later.groups[0].namesrv.detail).toContain("DLedger's leader is n1");
  });

  it("is unknown with every NameServer down, while the DLedger view goes on", () => {
    const readings = agreeing(layout, T0);
    for (const [address, reading] of readings.nameServers) readings.nameServers.set(address, failed(reading, T0 + 1_000, "refused"));
    const snapshot = buildSnapshot(layout, readings, META, null, T0 + 1_000);
    expect(snapshot.nameServers.map((n) => n.health)).toEqual(["down", "down"]);
    expect(snapshot.groups[0]).toMatchObject({ leaderId: "n0", health: "ok", namesrv: { agreement: "unknown" } });
    expect(snapshot.groups[0].nodes.map((n) => n.registeredAs)).toEqual([null, null, null]);
  });
});
