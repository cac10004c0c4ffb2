/**
 * Builds the snapshot from the layout and the latest readings: who leads each group (as the members themselves
 * say, never as the NameServer says), each node's health and role, and whether the NameServers agree. Pure.
 */
import type { BrokerMember } from "../rocketmq/schema";
import type { TopologyLayout } from "./layout";
import {
  type ConfigFigures,
  type DledgerView,
  emptyReading,
  type GroupHealth,
  type GroupSnapshot,
  healthOf,
  NAMESRV_AGREEMENT_GRACE_MS,
  type NameServerSnapshot,
  type NodeSnapshot,
  nodeKey,
  type Reading,
  readingStatus,
  type RuntimeFigures,
  type TopologySnapshot,
} from "./model";

/** One NameServer's listing of this cluster's groups: brokerName → members (brokerId → address). */
export interface NamesrvView {
  groups: Record<string, BrokerMember[]>;
}

export interface NodeReadings {
  dledger: Reading<DledgerView>;
  term: Reading<number>;
  runtime: Reading<RuntimeFigures>;
  config: Reading<ConfigFigures>;
}

export interface Readings {
  nameServers: Map<string, Reading<NamesrvView>>;
  /** By nodeKey. */
  nodes: Map<string, NodeReadings>;
}

export type SnapshotMeta = Pick<TopologySnapshot, "clusterId" | "pollerId" | "source" | "revision" | "datacenters">;

export function emptyNodeReadings(): NodeReadings {
  return { dledger: emptyReading("dledger"), term: emptyReading("term"), runtime: emptyReading("runtime"), config: emptyReading("config") };
}

export function buildSnapshot(
  layout: TopologyLayout,
  readings: Readings,
  meta: SnapshotMeta,
  previous: TopologySnapshot | null,
  now: number,
): TopologySnapshot {
  const nameServers: NameServerSnapshot[] = layout.nameServers.map((address) => {
    const reading = readings.nameServers.get(address) ?? emptyReading<NamesrvView>("namesrv");
    const counts = reading.value && {
      groups: Object.keys(reading.value.groups).length,
      brokers: Object.values(reading.value.groups).reduce((sum, members) => sum + members.length, 0),
    };
    return { address, health: healthOf(reading, now), reading: { ...reading, value: counts ?? null } };
  });
  const namesrvView = freshestView(layout.nameServers, readings, now);
  const previousGroups = new Map((previous?.groups ?? []).map((g) => [g.brokerName, g]));
  const groups = layout.groups.map((group): GroupSnapshot => {
    const listed = namesrvView?.groups[group.brokerName] ?? [];
    const nodes = group.nodes.map((node): NodeSnapshot => {
      const key = nodeKey(group.brokerName, node.selfId);
      const r = readings.nodes.get(key) ?? emptyNodeReadings();
      const brokerAddress = node.brokerAddress;
      return {
        key,
        brokerName: group.brokerName,
        selfId: node.selfId,
        brokerAddress,
        dledgerAddress: node.dledgerAddress,
        datacenter: node.datacenter,
        health: healthOf(r.dledger, now),
        role: "unknown",
        follows: r.dledger.value?.leaderId ?? null,
        term: r.term.value,
        lagBytes: null,
        registeredAs: namesrvView ? (listed.find((m) => m.address === brokerAddress)?.brokerId ?? null) : null,
        dledger: r.dledger,
        termReading: r.term,
        runtime: r.runtime,
        config: r.config,
      };
    });
    const leader = electedLeader(nodes);
    for (const node of nodes) node.role = roleOf(node, leader?.selfId ?? null);
    const leaderOffset = leader && usable(leader.runtime, now) ? leader.runtime.value?.commitLogMaxOffset : null;
    for (const node of nodes) {
      const offset = node !== leader && usable(node.runtime, now) ? node.runtime.value?.commitLogMaxOffset : null;
      node.lagBytes = leaderOffset != null && offset != null ? Math.max(0, leaderOffset - offset) : null;
    }
    const masterAddress = namesrvView ? (listed.find((m) => m.brokerId === 0)?.address ?? null) : null;
    return {
      brokerName: group.brokerName,
      dLegerGroup: group.dLegerGroup,
      datacenter: group.datacenter,
      leaderId: leader?.selfId ?? null,
      leaderStale: leader?.health === "stale",
      term: leader?.term ?? maxTerm(nodes),
      health: groupHealth(nodes, leader),
      namesrv: agreement(namesrvView !== null, masterAddress, leader, previousGroups.get(group.brokerName)?.namesrv ?? null, now),
      nodes,
    };
  });
  return { schemaVersion: 1, ...meta, brokerClusterName: layout.brokerClusterName, generatedAt: now, nameServers, groups };
}

/** The answering NameServer with the newest listing; null when none answers. */
function freshestView(addresses: string[], readings: Readings, now: number): NamesrvView | null {
  let best: Reading<NamesrvView> | null = null;
  for (const address of addresses) {
    const reading = readings.nameServers.get(address);
    if (!reading?.value || readingStatus(reading, now) !== "ok") continue;
    if (!best || (reading.observedAt ?? 0) > (best.observedAt ?? 0)) best = reading;
  }
  return best?.value ?? null;
}

/**
 * The member that says it is the leader, among those not known to be down. Two claimants happen for a moment
 * when an old leader has not yet heard of a newer term: the higher term wins.
 */
function electedLeader(nodes: NodeSnapshot[]): NodeSnapshot | null {
  const claimants = nodes.filter((n) => (n.health === "up" || n.health === "stale") && n.follows === n.selfId);
  claimants.sort((a, b) => (b.term ?? -1) - (a.term ?? -1) || Number(a.health === "stale") - Number(b.health === "stale"));
  return claimants[0] ?? null;
}

function roleOf(node: NodeSnapshot, leaderId: string | null): NodeSnapshot["role"] {
  if (node.health === "down" || node.health === "unknown" || !node.dledger.value) return "unknown";
  if (node.selfId === leaderId) return "leader";
  return node.follows === null ? "candidate" : "follower";
}

function usable(reading: Reading<unknown>, now: number) {
  const status = readingStatus(reading, now);
  return status === "ok" || status === "stale";
}

function maxTerm(nodes: NodeSnapshot[]): number | null {
  const terms = nodes.map((n) => n.term).filter((t): t is number => t !== null);
  return terms.length ? Math.max(...terms) : null;
}

function groupHealth(nodes: NodeSnapshot[], leader: NodeSnapshot | null): GroupHealth {
  if (nodes.every((n) => n.health === "unknown")) return "unknown";
  if (nodes.every((n) => n.health === "down")) return "down";
  if (!leader) return "no_leader";
  return nodes.every((n) => n.health === "up") ? "ok" : "degraded";
}

function agreement(
  namesrvAnswers: boolean,
  masterAddress: string | null,
  leader: NodeSnapshot | null,
  previous: GroupSnapshot["namesrv"] | null,
  now: number,
): GroupSnapshot["namesrv"] {
  if (!namesrvAnswers || !leader?.brokerAddress || leader.health !== "up")
    return { masterAddress, agreement: "unknown", since: null, detail: null };
  if (masterAddress === leader.brokerAddress) {
    return { masterAddress, agreement: "agrees", since: previous?.agreement === "agrees" ? previous.since : now, detail: null };
  }
  const wasOff = previous?.agreement === "settling" || previous?.agreement === "disagrees";
  const since = wasOff && previous?.since != null ? previous.since : now;
  const detail = `the NameServer lists ${masterAddress ?? "no broker"} as brokerId 0, but DLedger's leader is ${leader.selfId} (${leader.brokerAddress})`;
  return { masterAddress, agreement: now - since >= NAMESRV_AGREEMENT_GRACE_MS ? "disagrees" : "settling", since, detail };
}
