import { describe, expect, it } from "vitest";
import { runbookSpec } from "../design/fixtures/specs";
import { identityFromConfig, knownBrokerAddresses, layoutFromSpec, learnIdentity, placeLayout, type TopologyLayout } from "./layout";

const liveConfig = (selfId: string, extra: Record<string, string> = {}) => ({
  enableDLegerCommitLog: "true",
  brokerName: "RaftNode00",
  dLegerGroup: "RaftNode00",
  dLegerSelfId: selfId,
  dLegerPeers: "n0-127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40913",
  ...extra,
});

const empty: TopologyLayout = { brokerClusterName: "RaftCluster", nameServers: ["127.0.0.1:9876"], groups: [] };
const nowhere = () => null;

describe("the layout", () => {
  it("comes from a revision's spec: NameServers, groups with their datacenter, nodes at brokerIP1 or the host", () => {
    const spec = runbookSpec();
    const layout = layoutFromSpec(spec);
    expect(layout.nameServers).toEqual(spec.nameServers.map((ns) => `${ns.address}:${ns.port}`));
    expect(layout.groups.map((g) => [g.brokerName, g.datacenter, g.nodes.length])).toEqual(
      spec.groups.map((g) => [g.brokerName, g.datacenterCode, g.nodes.length]),
    );
    const node = spec.groups[0].nodes[0];
    expect(layout.groups[0].nodes[0]).toEqual({
      selfId: node.selfId,
      brokerAddress: `${node.brokerIP1 ?? node.hostAddress}:${node.listenPort}`,
      dledgerAddress: `${node.brokerIP1 ?? node.hostAddress}:${node.dLegerPort}`,
      datacenter: spec.groups[0].datacenterCode,
    });
  });

  it("learns a whole group from one broker's live config, keeping peers whose broker address is not known yet", () => {
    const identity = identityFromConfig("127.0.0.1:30921", liveConfig("n1"))!;
    const layout = learnIdentity(empty, identity, (host) => (host === "127.0.0.1" ? "lab" : null));
    expect(layout.groups).toEqual([
      {
        brokerName: "RaftNode00",
        dLegerGroup: "RaftNode00",
        datacenter: "lab",
        nodes: [
          { selfId: "n0", brokerAddress: null, dledgerAddress: "127.0.0.1:40911", datacenter: "lab" },
          { selfId: "n1", brokerAddress: "127.0.0.1:30921", dledgerAddress: "127.0.0.1:40912", datacenter: "lab" },
          { selfId: "n2", brokerAddress: null, dledgerAddress: "127.0.0.1:40913", datacenter: "lab" },
        ],
      },
    ]);
    expect(knownBrokerAddresses(layout)).toEqual(new Set(["127.0.0.1:30921"]));
  });

  it("keeps what it learned and returns the same object when a config says nothing new", () => {
    let layout = learnIdentity(empty, identityFromConfig("127.0.0.1:30921", liveConfig("n1"))!, nowhere);
    layout = learnIdentity(layout, identityFromConfig("127.0.0.1:30911", liveConfig("n0"))!, nowhere);
    expect(layout.groups[0].nodes.map((n) => n.brokerAddress)).toEqual(["127.0.0.1:30911", "127.0.0.1:30921", null]);
    expect(learnIdentity(layout, identityFromConfig("127.0.0.1:30911", liveConfig("n0"))!, nowhere)).toBe(layout);
  });

  it("drops a peer the group's live dLegerPeers no longer lists", () => {
    const layout = learnIdentity(empty, identityFromConfig("127.0.0.1:30911", liveConfig("n0"))!, nowhere);
    const shrunk = learnIdentity(
      layout,
      identityFromConfig("127.0.0.1:30911", liveConfig("n0", { dLegerPeers: "n0-127.0.0.1:40911;n1-127.0.0.1:40912" }))!,
      nowhere,
    );
    expect(shrunk.groups[0].nodes.map((n) => n.selfId)).toEqual(["n0", "n1"]);
  });

  it("ignores brokers that are not in DLedger mode or whose keys are unusable", () => {
    expect(identityFromConfig("a:1", liveConfig("n0", { enableDLegerCommitLog: "false" }))).toBeNull();
    expect(identityFromConfig("a:1", liveConfig("n0", { dLegerPeers: "garbage" }))).toBeNull();
    expect(identityFromConfig("a:1", liveConfig("", {}))).toBeNull();
  });

  it("places nodes by the inventory when it knows the host", () => {
    const layout = learnIdentity(empty, identityFromConfig("127.0.0.1:30911", liveConfig("n0"))!, nowhere);
    const placed = placeLayout(layout, (host) => (host === "127.0.0.1" ? "suzhou" : null));
    expect(placed.groups[0].nodes.every((n) => n.datacenter === "suzhou")).toBe(true);
    expect(placed.groups[0].datacenter).toBe("suzhou");
  });
});
