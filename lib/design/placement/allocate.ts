import { pathsOverlap, safeFileSegment } from "../model/paths";
import type { BrokerGroupDraft, BrokerNodeDraft, ClusterDraft, HostSnapshot, SpecResult } from "../model/schema";
import { validateSpec } from "../model/schema";
import { suggestHeapMb, suggestSendThreads } from "./sizing";

const LISTEN_PORT_STEP = 10;
const MAX_PORT = 65535;

type Visit = (node: BrokerNodeDraft, group: BrokerGroupDraft) => BrokerNodeDraft;

/** A copy of the draft with every node passed through `visit`, in spec order. */
function mapNodes(draft: ClusterDraft, visit: Visit): ClusterDraft {
  return { ...draft, groups: draft.groups.map((group) => ({ ...group, nodes: group.nodes.map((node) => visit(node, group)) })) };
}

function allNodes(draft: ClusterDraft): BrokerNodeDraft[] {
  return draft.groups.flatMap((g) => g.nodes);
}

/** A new group of `size` nodes n0, n1, … with nothing placed or allocated yet. */
export function makeGroupDraft(options: {
  brokerName: string;
  datacenterId: string;
  datacenterCode: string;
  size?: number;
}): BrokerGroupDraft {
  const { brokerName, datacenterId, datacenterCode, size = 3 } = options;
  const nodes = Array.from({ length: size }, (_, i): BrokerNodeDraft => ({ selfId: `n${i}`, extraProperties: {} }));
  return { brokerName, dLegerGroup: brokerName, datacenterId, datacenterCode, nodes };
}

/**
 * Places unplaced nodes on hosts of their group's datacenter: hosts without a node of the same group
 * first (fault tolerance), then the least loaded, then host order, which makes it a round-robin.
 * Nodes whose datacenter has no host stay unplaced; completeDraft then reports them.
 */
export function autoPlace(draft: ClusterDraft): ClusterDraft {
  const load = new Map<string, number>();
  for (const node of allNodes(draft)) if (node.hostId) load.set(node.hostId, (load.get(node.hostId) ?? 0) + 1);
  const hostsById = new Map(draft.hosts.map((h) => [h.id, h]));
  return {
    ...draft,
    groups: draft.groups.map((group) => {
      const candidates = draft.hosts.filter((h) => h.datacenterId === group.datacenterId);
      const usedByGroup = new Set(group.nodes.flatMap((n) => n.hostId ?? []));
      const nodes = group.nodes.map((node) => {
        if (node.hostId) return { ...node, hostAddress: node.hostAddress ?? hostsById.get(node.hostId)?.address };
        const host = pickHost(candidates, usedByGroup, load);
        if (!host) return node;
        usedByGroup.add(host.id);
        load.set(host.id, (load.get(host.id) ?? 0) + 1);
        return { ...node, hostId: host.id, hostAddress: host.address };
      });
      return { ...group, nodes };
    }),
  };
}

function pickHost(candidates: HostSnapshot[], usedByGroup: Set<string>, load: Map<string, number>): HostSnapshot | undefined {
  const score = (h: HostSnapshot) => [usedByGroup.has(h.id) ? 1 : 0, load.get(h.id) ?? 0];
  let best: HostSnapshot | undefined;
  for (const host of candidates) {
    if (!best) best = host;
    const [a1, a2] = score(host);
    const [b1, b2] = score(best);
    if (a1 < b1 || (a1 === b1 && a2 < b2)) best = host;
  }
  return best;
}

/** Every port a broker binds: fast channel (listenPort-2), listenPort, HA (listenPort+1), and its DLedger port. */
export function brokerPorts(listenPort: number, dLegerPort?: number): number[] {
  const ports = [listenPort - 2, listenPort, listenPort + 1];
  return dLegerPort === undefined ? ports : [...ports, dLegerPort];
}

function usedPortsByHost(draft: ClusterDraft): Map<string, Set<number>> {
  const used = new Map<string, Set<number>>();
  const claim = (hostId: string, ports: number[]) => {
    const set = used.get(hostId) ?? new Set<number>();
    for (const p of ports) set.add(p);
    used.set(hostId, set);
  };
  for (const ns of draft.nameServers) claim(ns.hostId, [ns.port]);
  for (const node of allNodes(draft)) {
    if (!node.hostId) continue;
    if (node.listenPort !== undefined) claim(node.hostId, brokerPorts(node.listenPort));
    if (node.dLegerPort !== undefined) claim(node.hostId, [node.dLegerPort]);
  }
  return used;
}

function firstFree(used: Set<number>, base: number, step: number, ports: (p: number) => number[]): number | undefined {
  for (let p = base; p + 1 <= MAX_PORT; p += step) if (ports(p).every((q) => !used.has(q))) return p;
  return undefined;
}

/**
 * Fills missing listen and DLedger ports with the first free slot on the node's host
 * (listenPortBase + 10k, dLegerPortBase + k), never touching ports already chosen.
 */
export function allocatePorts(draft: ClusterDraft): ClusterDraft {
  const used = usedPortsByHost(draft);
  const { listenPortBase, dLegerPortBase } = draft.cluster.defaults;
  return mapNodes(draft, (node) => {
    if (!node.hostId) return node;
    const onHost = used.get(node.hostId) ?? new Set<number>();
    used.set(node.hostId, onHost);
    const listenPort = node.listenPort ?? firstFree(onHost, listenPortBase, LISTEN_PORT_STEP, (p) => brokerPorts(p));
    if (listenPort !== undefined) for (const p of brokerPorts(listenPort)) onHost.add(p);
    const dLegerPort = node.dLegerPort ?? firstFree(onHost, dLegerPortBase, 1, (p) => [p]);
    if (dLegerPort !== undefined) onHost.add(dLegerPort);
    return { ...node, listenPort, dLegerPort };
  });
}

/** `<installDir>/store/<brokerName>-<selfId>`, suffixed -2, -3… if that overlaps a path already on the host. */
export function allocatePaths(draft: ClusterDraft): ClusterDraft {
  const used = new Map<string, string[]>();
  for (const node of allNodes(draft)) {
    if (!node.hostId) continue;
    const paths = [node.storePathRootDir, node.storePathCommitLog].filter((p): p is string => p !== undefined);
    used.set(node.hostId, [...(used.get(node.hostId) ?? []), ...paths]);
  }
  return mapNodes(draft, (node, group) => {
    if (!node.hostId || (node.storePathRootDir && node.storePathCommitLog)) return node;
    const onHost = used.get(node.hostId) ?? [];
    const root =
      node.storePathRootDir ??
      freeStoreRoot(`${draft.cluster.installDir}/store/${safeFileSegment(`${group.brokerName}-${node.selfId}`)}`, onHost);
    const commitLog = node.storePathCommitLog ?? `${root}/commitlog`;
    used.set(node.hostId, [...onHost, root, commitLog]);
    return { ...node, storePathRootDir: root, storePathCommitLog: commitLog };
  });
}

const MAX_PATH_SUFFIX = 100;

function freeStoreRoot(preferred: string, used: string[]): string {
  for (let i = 1; i <= MAX_PATH_SUFFIX; i++) {
    const candidate = i === 1 ? preferred : `${preferred}-${i}`;
    if (!used.some((p) => pathsOverlap(p, candidate))) return candidate;
  }
  // A directory chosen by hand encloses every candidate (say /opt/rocketmq/store itself):
  // no suffix helps, so keep the preferred path and let the linter report the overlap.
  return preferred;
}

/** Fills missing heap and send-thread sizes from the host's facts, split between the brokers on it. */
export function applySizing(draft: ClusterDraft): ClusterDraft {
  const brokersOnHost = new Map<string, number>();
  for (const node of allNodes(draft)) if (node.hostId) brokersOnHost.set(node.hostId, (brokersOnHost.get(node.hostId) ?? 0) + 1);
  const hosts = new Map(draft.hosts.map((h) => [h.id, h]));
  const { defaults } = draft.cluster;
  return mapNodes(draft, (node) => {
    const host = node.hostId ? hosts.get(node.hostId) : undefined;
    const count = node.hostId ? (brokersOnHost.get(node.hostId) ?? 1) : 1;
    return {
      ...node,
      heapMb: node.heapMb ?? suggestHeapMb(host?.memoryBytes, count, defaults.heapMb),
      sendMessageThreadPoolNums:
        node.sendMessageThreadPoolNums ?? suggestSendThreads(host?.cpuCount, count, defaults.sendMessageThreadPoolNums),
    };
  });
}

/** Places, allocates and sizes whatever the draft leaves open, then validates the result as a spec. */
export function completeDraft(draft: ClusterDraft): SpecResult {
  return validateSpec(applySizing(allocatePaths(allocatePorts(autoPlace(draft)))));
}
