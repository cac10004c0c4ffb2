/** Builders for the pure topology tests: a 3-node group on three hosts and readings of it at chosen times. */
import type { TopologyLayout } from "../layout";
import { type DledgerView, emptyReading, type FailureKind, type Reading, type SourceKind } from "../model";
import { emptyNodeReadings, type NamesrvView, type Readings, type SnapshotMeta } from "../snapshot";

export const META: SnapshotMeta = {
  clusterId: "c1",
  pollerId: "test",
  source: "attached",
  revision: null,
  datacenters: [{ code: "sz", name: "Suzhou" }],
};

export function labLayout(groups = ["RaftNode00"]): TopologyLayout {
  return {
    brokerClusterName: "RaftCluster",
    nameServers: ["10.0.0.1:9876", "10.0.0.2:9876"],
    groups: groups.map((brokerName, g) => ({
      brokerName,
      dLegerGroup: brokerName,
      datacenter: "sz",
      nodes: [0, 1, 2].map((i) => ({
        selfId: `n${i}`,
        brokerAddress: `10.0.${g + 1}.${i + 1}:30911`,
        dledgerAddress: `10.0.${g + 1}.${i + 1}:40911`,
        datacenter: "sz",
      })),
    })),
  };
}

export function ok<T>(kind: SourceKind, value: T, at: number): Reading<T> {
  return { ...emptyReading<T>(kind), value, observedAt: at, checkedAt: at };
}

export function failed<T>(previous: Reading<T>, at: number, errorKind: FailureKind, error = `${errorKind}`): Reading<T> {
  return { ...previous, checkedAt: at, error, errorKind, failures: previous.failures + 1 };
}

/** Readings where every member of every group names `leaders[brokerName]` (default n0), in `term` (default 1), seen at `at`. */
export function agreeing(
  layout: TopologyLayout,
  at: number,
  options: { leaders?: Record<string, string>; term?: number | Record<string, number> } = {},
): Readings {
  const nodes = new Map<string, ReturnType<typeof emptyNodeReadings>>();
  const listing: NamesrvView = { groups: {} };
  for (const group of layout.groups) {
    const leaderId = options.leaders?.[group.brokerName] ?? "n0";
    const term = typeof options.term === "object" ? (options.term[group.brokerName] ?? 1) : (options.term ?? 1);
    const peers = Object.fromEntries(group.nodes.map((n) => [n.selfId, n.dledgerAddress]));
    for (const node of group.nodes) {
      nodes.set(`${group.brokerName}/${node.selfId}`, {
        ...emptyNodeReadings(),
        dledger: ok<DledgerView>("dledger", { leaderId, peers }, at),
        term: ok("term", term, at),
      });
    }
    listing.groups[group.brokerName] = group.nodes.map((n) => ({
      brokerId: n.selfId === leaderId ? 0 : Number(n.selfId.slice(1)) + 1,
      address: n.brokerAddress ?? "",
    }));
  }
  const nameServers = new Map(layout.nameServers.map((address) => [address, ok("namesrv", listing, at)]));
  return { nameServers, nodes };
}
