import { describe, expect, it } from "vitest";
import { diffSnapshots } from "./diff";
import type { TopologySnapshot } from "./model";
import { buildSnapshot, type Readings } from "./snapshot";
import { agreeing, failed, labLayout, META } from "./testing/readings";

const T0 = 1_800_000_000_000;
const layout = labLayout(["g1", "g2"]);

function snap(readings: Readings, at: number, previous: TopologySnapshot | null = null) {
  return buildSnapshot(layout, readings, META, previous, at);
}

function withFailure(readings: Readings, nodeKey: string, at: number, kind: "refused" | "timeout" = "refused"): Readings {
  const node = readings.nodes.get(nodeKey)!;
  readings.nodes.set(nodeKey, { ...node, dledger: failed(node.dledger, at, kind) });
  return readings;
}

const kinds = (events: ReturnType<typeof diffSnapshots>) => events.map((e) => `${e.kind}:${e.groupName ?? ""}/${e.selfId ?? ""}`);

describe("diffSnapshots", () => {
  it("reports nothing for the first snapshot or an unchanged cluster", () => {
    const first = snap(agreeing(layout, T0), T0);
    expect(diffSnapshots(null, first)).toEqual([]);
    expect(diffSnapshots(first, snap(agreeing(layout, T0 + 1_000), T0 + 1_000, first))).toEqual([]);
  });

  it("tells a leader crash as: node down, leader lost, then the new leader was elected in a new term", () => {
    const healthy = snap(agreeing(layout, T0, { term: 1 }), T0);
    const crashed = snap(withFailure(agreeing(layout, T0 + 1_000, { term: 1 }), "g1/n0", T0 + 1_000), T0 + 1_000, healthy);
    const lost = diffSnapshots(healthy, crashed);
    expect(kinds(lost)).toEqual(["node_down:g1/n0", "leader_lost:g1/n0"]);
    expect(lost[0]).toMatchObject({ severity: "error", at: T0 + 1_000 });

    const electedReadings = withFailure(agreeing(layout, T0 + 9_000, { leaders: { g1: "n2" }, term: { g1: 2 } }), "g1/n0", T0 + 9_000);
    const elected = snap(electedReadings, T0 + 9_000, crashed);
    const events = diffSnapshots(crashed, elected);
    expect(kinds(events)).toEqual(["leader_elected:g1/n2"]);
    expect(events[0].message).toBe("n2 leads g1 in term 2");
    expect(events[0].detail).toEqual({ from: null, to: "n2", term: 2 });
  });

  it("tells a handover without an election gap as one leader change naming the old leader", () => {
    const before = snap(agreeing(layout, T0, { term: 3 }), T0);
    const after = snap(agreeing(layout, T0 + 1_000, { leaders: { g1: "n1", g2: "n0" }, term: 4 }), T0 + 1_000, before);
    const events = diffSnapshots(before, after);
    expect(kinds(events)).toEqual(["leader_elected:g1/n1", "term_changed:g2/n0"]);
    expect(events[0]).toMatchObject({ severity: "warning", message: "n1 leads g1 in term 4, was n0" });
  });

  it("reports a node coming back, and nothing for a single timeout", () => {
    const healthy = snap(agreeing(layout, T0), T0);
    const slow = snap(withFailure(agreeing(layout, T0 + 1_000), "g2/n1", T0 + 1_000, "timeout"), T0 + 1_000, healthy);
    expect(diffSnapshots(healthy, slow)).toEqual([]);
    const down = snap(withFailure(agreeing(layout, T0 + 2_000), "g2/n1", T0 + 2_000), T0 + 2_000, slow);
    expect(kinds(diffSnapshots(slow, down))).toEqual(["node_down:g2/n1"]);
    const back = snap(agreeing(layout, T0 + 3_000), T0 + 3_000, down);
    expect(kinds(diffSnapshots(down, back))).toEqual(["node_up:g2/n1"]);
  });

  it("does not call the first leader a poller sees an election", () => {
    const partly = agreeing(layout, T0);
    partly.nodes.delete("g1/n0");
    const first = snap(partly, T0);
    expect(first.groups[0].leaderId).toBeNull();
    expect(diffSnapshots(first, snap(agreeing(layout, T0 + 500), T0 + 500, first))).toEqual([]);
  });

  it("reports a NameServer going down and back without touching the groups", () => {
    const healthy = snap(agreeing(layout, T0), T0);
    const readings = agreeing(layout, T0 + 1_000);
    readings.nameServers.set("10.0.0.2:9876", failed(readings.nameServers.get("10.0.0.2:9876")!, T0 + 1_000, "refused"));
    const down = snap(readings, T0 + 1_000, healthy);
    expect(kinds(diffSnapshots(healthy, down))).toEqual(["namesrv_down:/"]);
    expect(kinds(diffSnapshots(down, snap(agreeing(layout, T0 + 2_000), T0 + 2_000, down)))).toEqual(["namesrv_up:/"]);
  });

  it("reports the NameServer disagreeing only after the grace period, and agreeing again", () => {
    const stuck = (at: number) => {
      const readings = agreeing(layout, at, { leaders: { g1: "n1" } });
      for (const [address, reading] of readings.nameServers) {
        readings.nameServers.set(address, {
          ...reading,
          value: { groups: { ...reading.value!.groups, g1: [{ brokerId: 0, address: "10.0.1.1:30911" }] } },
        });
      }
      return readings;
    };
    const first = snap(agreeing(layout, T0, { leaders: { g1: "n1" } }), T0);
    const settling = snap(stuck(T0 + 1_000), T0 + 1_000, first);
    expect(kinds(diffSnapshots(first, settling))).toEqual([]);
    const disagreeing = snap(stuck(T0 + 12_000), T0 + 12_000, settling);
    expect(kinds(diffSnapshots(settling, disagreeing))).toEqual(["namesrv_disagrees:g1/n1"]);
    const agreed = snap(agreeing(layout, T0 + 13_000, { leaders: { g1: "n1" } }), T0 + 13_000, disagreeing);
    expect(kinds(diffSnapshots(disagreeing, agreed))).toEqual(["namesrv_agrees:g1/n1"]);
  });

  it("reports a node joining the layout", () => {
    const before = snap(agreeing(layout, T0), T0);
    const grown = {
      ...layout,
      groups: layout.groups.map((g, i) =>
        i === 0
          ? { ...g, nodes: [...g.nodes, { selfId: "n3", brokerAddress: null, dledgerAddress: "10.0.1.4:40911", datacenter: null }] }
          : g,
      ),
    };
    const after = buildSnapshot(grown, agreeing(layout, T0 + 1_000), META, before, T0 + 1_000);
    expect(kinds(diffSnapshots(before, after))).toEqual(["node_discovered:g1/n3"]);
  });
});
