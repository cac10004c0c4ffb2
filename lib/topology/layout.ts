/**
 * The layout: which NameServers, groups and nodes a cluster has, as far as the panel knows. For a deployed cluster
 * it starts from the revision's spec; for an attached one from discovery. Either way it only grows from what the
 * cluster itself says (NameServer listings, each broker's live dLegerPeers): a node that stops answering stays in
 * the layout, so a dead leader shows as down instead of vanishing. Pure.
 */
import { type ClusterSpec, nodeAddress, parsePeers } from "../design";

export interface LayoutNode {
  selfId: string;
  /** Broker remoting address; null until a NameServer lists it or its config is read. */
  brokerAddress: string | null;
  dledgerAddress: string;
  datacenter: string | null;
}

export interface LayoutGroup {
  brokerName: string;
  dLegerGroup: string;
  datacenter: string | null;
  nodes: LayoutNode[];
}

export interface TopologyLayout {
  brokerClusterName: string;
  nameServers: string[];
  groups: LayoutGroup[];
}

/** The live config keys that place a broker in its DLedger group. */
export interface BrokerIdentity {
  brokerAddress: string;
  brokerName: string;
  dLegerGroup: string;
  selfId: string;
  peers: { selfId: string; address: string }[];
}

export function layoutFromSpec(spec: ClusterSpec): TopologyLayout {
  return {
    brokerClusterName: spec.cluster.brokerClusterName,
    nameServers: spec.nameServers.map((ns) => `${ns.address}:${ns.port}`),
    groups: spec.groups.map((group) => ({
      brokerName: group.brokerName,
      dLegerGroup: group.dLegerGroup,
      datacenter: group.datacenterCode,
      nodes: group.nodes.map((node) => ({
        selfId: node.selfId,
        brokerAddress: `${nodeAddress(node)}:${node.listenPort}`,
        dledgerAddress: `${nodeAddress(node)}:${node.dLegerPort}`,
        datacenter: group.datacenterCode,
      })),
    })),
  };
}

/**
 * A broker's identity from its live config; null when it is not a DLedger broker or the keys are unusable
 * (a malformed dLegerPeers would not have let the broker start, but the panel must not trust that).
 */
export function identityFromConfig(brokerAddress: string, config: Record<string, string>): BrokerIdentity | null {
  if (config.enableDLegerCommitLog !== "true") return null;
  const selfId = config.dLegerSelfId;
  const brokerName = config.brokerName;
  const { members } = parsePeers(config.dLegerPeers);
  if (!selfId || !brokerName || members.length === 0) return null;
  return {
    brokerAddress,
    brokerName,
    dLegerGroup: config.dLegerGroup || brokerName,
    selfId,
    peers: members.map((m) => ({ selfId: m.id, address: `${m.host}:${m.port}` })),
  };
}

export const hostOf = (address: string) => address.replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");

/**
 * Adds what a broker's live config says: its group (if new), every peer of dLegerPeers (if new), and its own
 * broker address. A peer that disappeared from a live member's dLegerPeers was removed from the group by its
 * operator: it leaves the layout. Returns the same object when nothing changed.
 */
export function learnIdentity(
  layout: TopologyLayout,
  identity: BrokerIdentity,
  datacenterOf: (host: string) => string | null,
): TopologyLayout {
  const existing = layout.groups.find((g) => g.brokerName === identity.brokerName);
  const known = new Map((existing?.nodes ?? []).map((n) => [n.selfId, n]));
  const nodes: LayoutNode[] = identity.peers.map((peer) => {
    const node = known.get(peer.selfId);
    const brokerAddress = peer.selfId === identity.selfId ? identity.brokerAddress : (node?.brokerAddress ?? null);
    return {
      selfId: peer.selfId,
      brokerAddress,
      dledgerAddress: peer.address,
      datacenter: node?.datacenter ?? datacenterOf(hostOf(peer.address)),
    };
  });
  const group: LayoutGroup = {
    brokerName: identity.brokerName,
    dLegerGroup: identity.dLegerGroup,
    datacenter: existing?.datacenter ?? majority(nodes.map((n) => n.datacenter)),
    nodes: sortNodes(nodes),
  };
  if (existing && JSON.stringify(existing) === JSON.stringify(group)) return layout;
  const groups = existing ? layout.groups.map((g) => (g === existing ? group : g)) : [...layout.groups, group];
  return { ...layout, groups: groups.sort((a, b) => a.brokerName.localeCompare(b.brokerName, undefined, { numeric: true })) };
}

/** Broker addresses in a layout, to tell a newly listed broker from a known one. */
export function knownBrokerAddresses(layout: TopologyLayout): Set<string> {
  return new Set(layout.groups.flatMap((g) => g.nodes.map((n) => n.brokerAddress)).filter((a): a is string => a !== null));
}

/** Re-places nodes (and groups) by the inventory, keeping the spec's or the earlier placement where the inventory has no say. */
export function placeLayout(layout: TopologyLayout, datacenterOf: (host: string) => string | null): TopologyLayout {
  return {
    ...layout,
    groups: layout.groups.map((group) => {
      const nodes = group.nodes.map((n) => ({ ...n, datacenter: datacenterOf(hostOf(n.dledgerAddress)) ?? n.datacenter }));
      return { ...group, nodes, datacenter: group.datacenter ?? majority(nodes.map((n) => n.datacenter)) };
    }),
  };
}

function sortNodes(nodes: LayoutNode[]): LayoutNode[] {
  return [...nodes].sort((a, b) => a.selfId.localeCompare(b.selfId, undefined, { numeric: true }));
}

function majority(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = value;
  return best;
}
