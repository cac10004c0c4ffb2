import "server-only";
import { db } from "../db";
import { clusterSpecSchema } from "../design";
import { notFound } from "../errors";
import type { RocketmqClient } from "../rocketmq";
import { layoutFromSpec } from "../topology/layout";
import { loadTopologyState } from "../topology/store";

/**
 * Where a cluster's console calls go: its NameServers, and per broker group the address of the member that leads it.
 * The leader comes from the live topology snapshot when it is fresh (DLedger's own word, a second old), else from the
 * NameServers (brokerId 0, which trails an election by a registration round). Either can be stale by the time a
 * write arrives: writes go through callLeader (the broker confirms its role) and retry after resolving again.
 */

export interface GroupTarget {
  brokerName: string;
  /** The leader's broker (remoting) address; null during an election or while no source names one. */
  leaderAddress: string | null;
  /** The leader's DLedger selfId, from the live topology or the cluster's known layout; null when neither says. */
  leaderSelfId: string | null;
  /** Every member's broker address the panel knows, leader first. */
  addresses: string[];
}

export interface ClusterTargets {
  clusterId: string;
  brokerClusterName: string;
  nameServers: string[];
  groups: GroupTarget[];
}

/** A snapshot older than this says nothing about who leads now. */
const SNAPSHOT_FRESH_MS = 10_000;

export async function resolveTargets(clusterId: string, rocketmq: RocketmqClient): Promise<ClusterTargets> {
  const cluster = await db.cluster.findUnique({
    where: { id: clusterId },
    select: {
      brokerClusterName: true,
      attached: { select: { nameServers: true } },
      deployedRevision: { select: { spec: true } },
    },
  });
  if (!cluster) throw notFound("cluster");
  const { snapshot, layout } = await loadTopologyState(clusterId);
  const spec = cluster.deployedRevision ? clusterSpecSchema.safeParse(cluster.deployedRevision.spec) : null;
  const nameServers =
    cluster.attached?.nameServers ??
    (spec?.success ? layoutFromSpec(spec.data).nameServers : (snapshot?.nameServers.map((n) => n.address) ?? []));
  const brokerClusterName = snapshot?.brokerClusterName ?? cluster.brokerClusterName;

  const groups = new Map<string, GroupTarget>();
  const info = await firstAnswer(nameServers.map((namesrv) => () => rocketmq.getClusterInfo(namesrv)));
  if (info) {
    for (const group of info.clusters.find((c) => c.name === brokerClusterName)?.brokerGroups ?? []) {
      const leader = group.members.find((m) => m.brokerId === 0)?.address ?? null;
      const others = group.members.filter((m) => m.brokerId !== 0).map((m) => m.address);
      groups.set(group.brokerName, {
        brokerName: group.brokerName,
        leaderAddress: leader,
        leaderSelfId: null,
        addresses: leader ? [leader, ...others] : others,
      });
    }
  }
  const fresh = snapshot && Date.now() - snapshot.generatedAt < SNAPSHOT_FRESH_MS ? snapshot : null;
  for (const group of snapshot?.groups ?? []) {
    const addresses = group.nodes.flatMap((n) => (n.brokerAddress ? [n.brokerAddress] : []));
    const known = groups.get(group.brokerName);
    const leaderNode = fresh && !group.leaderStale ? group.nodes.find((n) => n.selfId === group.leaderId) : undefined;
    const leaderAddress = leaderNode?.brokerAddress ?? known?.leaderAddress ?? null;
    const all = [...new Set([...(known?.addresses ?? []), ...addresses])];
    groups.set(group.brokerName, {
      brokerName: group.brokerName,
      leaderAddress,
      leaderSelfId: null,
      addresses: leaderAddress ? [leaderAddress, ...all.filter((a) => a !== leaderAddress)] : all,
    });
  }
  // A member's selfId belongs to its address for as long as the cluster's layout does, fresh snapshot or not.
  const selfIds = new Map<string, string>();
  for (const node of [...(layout?.groups ?? []), ...(snapshot?.groups ?? [])].flatMap((g) => g.nodes)) {
    if (node.brokerAddress) selfIds.set(node.brokerAddress, node.selfId);
  }
  for (const group of groups.values()) group.leaderSelfId = group.leaderAddress ? (selfIds.get(group.leaderAddress) ?? null) : null;
  return {
    clusterId,
    brokerClusterName,
    nameServers,
    groups: [...groups.values()].sort((a, b) => a.brokerName.localeCompare(b.brokerName)),
  };
}

/** The first call to succeed, tried all at once; null when none does. */
async function firstAnswer<T>(calls: (() => Promise<T>)[]): Promise<T | null> {
  if (calls.length === 0) return null;
  return Promise.any(calls.map((call) => call())).catch(() => null);
}
