import { describe, expect, it } from "vitest";
import { MESSAGES } from "../i18n/catalog";
import { english, translate } from "../i18n/translate";
import { diffSnapshots } from "./diff";
import type { TopologyEventKind, TopologySnapshot } from "./model";
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

describe("topology event messages", () => {
  const healthy = snap(agreeing(layout, T0, { term: 3 }), T0);
  const at = (ms: number) => T0 + ms;

  /** The same snapshot with some of its group g1 changed, for states the readings builders do not make. */
  const withGroup = (snapshot: TopologySnapshot, change: (group: TopologySnapshot["groups"][number]) => void) => {
    const copy = structuredClone(snapshot);
    change(copy.groups[0]);
    return copy;
  };

  const crashed = snap(withFailure(agreeing(layout, at(1_000), { term: 3 }), "g1/n0", at(1_000)), at(1_000), healthy);
  const elected = snap(
    withFailure(agreeing(layout, at(9_000), { leaders: { g1: "n2" }, term: { g1: 4, g2: 3 } }), "g1/n0", at(9_000)),
    at(9_000),
    crashed,
  );
  const handedOver = snap(agreeing(layout, at(1_000), { leaders: { g1: "n1", g2: "n0" }, term: 4 }), at(1_000), healthy);
  const namesrvDown = (() => {
    const readings = agreeing(layout, at(1_000), { term: 3 });
    readings.nameServers.set(
      "10.0.0.2:9876",
      failed(readings.nameServers.get("10.0.0.2:9876")!, at(1_000), "refused", "connect ECONNREFUSED"),
    );
    return snap(readings, at(1_000), healthy);
  })();
  const listing = (at: number, g1: { brokerId: number; address: string }[]) => {
    const readings = agreeing(layout, at, { leaders: { g1: "n1" } });
    for (const [address, reading] of readings.nameServers) {
      readings.nameServers.set(address, { ...reading, value: { groups: { ...reading.value!.groups, g1 } } });
    }
    return readings;
  };
  const leaderN1 = snap(agreeing(layout, T0, { leaders: { g1: "n1" } }), T0);
  const disagreeing = (g1: { brokerId: number; address: string }[]) =>
    snap(listing(at(12_000), g1), at(12_000), snap(listing(at(1_000), g1), at(1_000), leaderN1));
  const stuck = disagreeing([{ brokerId: 0, address: "10.0.1.1:30911" }]);
  const grown = buildSnapshot(
    {
      ...layout,
      groups: layout.groups.map((g, i) =>
        i === 0
          ? { ...g, nodes: [...g.nodes, { selfId: "n3", brokerAddress: null, dledgerAddress: "10.0.1.4:40911", datacenter: null }] }
          : g,
      ),
    },
    agreeing(layout, at(1_000), { term: 3 }),
    META,
    healthy,
    at(1_000),
  );

  // English as the timeline wrote it before events carried messages, and the same event in Chinese.
  const cases: { name: string; before: TopologySnapshot; after: TopologySnapshot; events: [TopologyEventKind, string, string][] }[] = [
    {
      name: "a leader crashing",
      before: healthy,
      after: crashed,
      events: [
        ["node_down", "g1 n0 (10.0.1.1:40911) is unreachable: refused", "g1 n0（10.0.1.1:40911）无法连接：refused"],
        ["leader_lost", "g1 has no leader (n0 was leading): an election is due", "g1 没有主节点（此前由 n0 担任）：即将进行选举"],
      ],
    },
    {
      name: "a node going down without an error",
      before: healthy,
      after: withGroup(healthy, (g) => Object.assign(g.nodes[2], { health: "down" })),
      events: [["node_down", "g1 n2 (10.0.1.3:40911) is unreachable: no answer", "g1 n2（10.0.1.3:40911）无法连接：没有应答"]],
    },
    {
      name: "a new leader after an election",
      before: crashed,
      after: elected,
      events: [["leader_elected", "n2 leads g1 in term 4", "n2 成为 g1 的主节点，任期 4"]],
    },
    {
      name: "a new leader whose term is not read yet",
      before: crashed,
      after: withGroup(elected, (g) => Object.assign(g, { term: null })),
      events: [["leader_elected", "n2 leads g1", "n2 成为 g1 的主节点"]],
    },
    {
      name: "a handover, and a term change under the same leader",
      before: healthy,
      after: handedOver,
      events: [
        ["leader_elected", "n1 leads g1 in term 4, was n0", "n1 成为 g1 的主节点，任期 4，此前是 n0"],
        ["term_changed", "g2 moved from term 3 to 4; n0 still leads", "g2 的任期从 3 变为 4；n0 仍是主节点"],
      ],
    },
    {
      name: "a handover whose term is not read yet",
      before: healthy,
      after: withGroup(handedOver, (g) => Object.assign(g, { term: null })),
      events: [
        ["leader_elected", "n1 leads g1, was n0", "n1 成为 g1 的主节点，此前是 n0"],
        ["term_changed", "g2 moved from term 3 to 4; n0 still leads", "g2 的任期从 3 变为 4；n0 仍是主节点"],
      ],
    },
    {
      name: "a node coming back",
      before: crashed,
      after: snap(agreeing(layout, at(2_000), { term: 3 }), at(2_000), crashed),
      events: [
        ["node_up", "g1 n0 answers again", "g1 n0 恢复应答"],
        ["leader_elected", "n0 leads g1 in term 3", "n0 成为 g1 的主节点，任期 3"],
      ],
    },
    {
      name: "a NameServer going down",
      before: healthy,
      after: namesrvDown,
      events: [
        [
          "namesrv_down",
          "NameServer 10.0.0.2:9876 is unreachable: connect ECONNREFUSED",
          "NameServer 10.0.0.2:9876 无法连接：connect ECONNREFUSED",
        ],
      ],
    },
    {
      name: "a NameServer going down without an error",
      before: healthy,
      after: { ...healthy, nameServers: healthy.nameServers.map((ns, i) => (i === 1 ? { ...ns, health: "down" as const } : ns)) },
      events: [["namesrv_down", "NameServer 10.0.0.2:9876 is unreachable: no answer", "NameServer 10.0.0.2:9876 无法连接：没有应答"]],
    },
    {
      name: "a NameServer coming back",
      before: namesrvDown,
      after: snap(agreeing(layout, at(2_000), { term: 3 }), at(2_000), namesrvDown),
      events: [["namesrv_up", "NameServer 10.0.0.2:9876 answers again", "NameServer 10.0.0.2:9876 恢复应答"]],
    },
    {
      name: "the NameServer listing another broker as brokerId 0",
      before: snap(listing(at(1_000), [{ brokerId: 0, address: "10.0.1.1:30911" }]), at(1_000), leaderN1),
      after: stuck,
      events: [
        [
          "namesrv_disagrees",
          "g1: the NameServer lists 10.0.1.1:30911 as brokerId 0, but DLedger's leader is n1 (10.0.1.2:30911)",
          "g1：NameServer 将 10.0.1.1:30911 列为 brokerId 0，但 DLedger 的主节点是 n1（10.0.1.2:30911）",
        ],
      ],
    },
    {
      name: "the NameServer listing no brokerId 0",
      before: snap(listing(at(1_000), []), at(1_000), leaderN1),
      after: disagreeing([]),
      events: [
        [
          "namesrv_disagrees",
          "g1: the NameServer lists no broker as brokerId 0, but DLedger's leader is n1 (10.0.1.2:30911)",
          "g1：NameServer 没有把任何 broker 列为 brokerId 0，但 DLedger 的主节点是 n1（10.0.1.2:30911）",
        ],
      ],
    },
    {
      name: "the NameServer agreeing again",
      before: stuck,
      after: snap(agreeing(layout, at(13_000), { leaders: { g1: "n1" } }), at(13_000), stuck),
      events: [
        [
          "namesrv_agrees",
          "g1: the NameServer lists the DLedger leader n1 as brokerId 0 again",
          "g1：NameServer 重新将 DLedger 主节点 n1 列为 brokerId 0",
        ],
      ],
    },
    {
      name: "a node joining the layout",
      before: healthy,
      after: grown,
      events: [["node_discovered", "g1 n3 (10.0.1.4:40911) joined the layout", "g1 n3（10.0.1.4:40911）已加入布局"]],
    },
  ];

  it.each(cases)("tells $name in English as before, and in Chinese", ({ before, after, events }) => {
    const told = diffSnapshots(before, after);
    expect(told.map((e) => [e.kind, english(e.text), translate(e.text, "zh-CN")])).toEqual(events);
    for (const e of told) expect(e.message).toBe(english(e.text));
  });

  it("covers every event kind and every event message", () => {
    const told = cases.flatMap(({ before, after }) => diffSnapshots(before, after));
    const kinds: TopologyEventKind[] = [
      "leader_elected",
      "leader_lost",
      "term_changed",
      "node_down",
      "node_up",
      "node_discovered",
      "namesrv_down",
      "namesrv_up",
      "namesrv_disagrees",
      "namesrv_agrees",
    ];
    expect(new Set(told.map((e) => e.kind))).toEqual(new Set(kinds));
    expect(new Set(told.map((e) => e.text.key))).toEqual(
      new Set(Object.keys(MESSAGES.en.topologyEvents).map((k) => `topologyEvents.${k}`)),
    );
  });
});
