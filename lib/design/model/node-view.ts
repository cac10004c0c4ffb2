import { brokerProperties } from "./derive";
import type { ClusterSpec, HostSnapshot } from "./schema";

// The linter works on what a broker will actually read (its properties) plus where it runs,
// so the same rules check a spec from the wizard and config files imported from a live cluster.

export interface HostView {
  /** Host id from the inventory, or the address when the host is only known from an imported file. */
  key: string;
  name: string;
  address: string;
  /** Every known address of the host, including `address`. */
  addresses: string[];
  datacenterId?: string;
  datacenterCode?: string;
  memoryBytes?: number;
}

export interface NodeView {
  /** Grouping key: brokerName (the file's dLegerGroup or name when brokerName is missing). */
  group: string;
  groupDatacenterId?: string;
  groupDatacenterCode?: string;
  /** Imported file name, when the node came from a file. */
  file?: string;
  /** Unknown when an imported file names no address and none was given. */
  host?: HostView;
  heapMb?: number;
  props: Record<string, string>;
}

export interface NameServerView {
  host: HostView;
  port: number;
}

export interface LintInput {
  /** Unknown for imports when the operator did not say which release runs. */
  rocketmqVersion?: string;
  nodes: NodeView[];
  nameServers: NameServerView[];
}

export function hostView(host: HostSnapshot): HostView {
  const addresses = [host.address, ...(host.addresses ?? []).filter((a) => a !== host.address)];
  return {
    key: host.id,
    name: host.name,
    address: host.address,
    addresses,
    datacenterId: host.datacenterId,
    datacenterCode: host.datacenterCode,
    memoryBytes: host.memoryBytes,
  };
}

function unknownHost(id: string, address: string): HostView {
  return { key: id, name: address, address, addresses: [address] };
}

export function lintInputFromSpec(spec: ClusterSpec): LintInput {
  const hosts = new Map(spec.hosts.map((h) => [h.id, hostView(h)]));
  const hostOf = (id: string, address: string) => hosts.get(id) ?? unknownHost(id, address);
  const nodes = spec.groups.flatMap((group) =>
    group.nodes.map(
      (node): NodeView => ({
        group: group.brokerName,
        groupDatacenterId: group.datacenterId,
        groupDatacenterCode: group.datacenterCode,
        host: hostOf(node.hostId, node.hostAddress),
        heapMb: node.heapMb,
        props: brokerProperties(spec, group, node),
      }),
    ),
  );
  const nameServers = spec.nameServers.map((ns) => ({ host: hostOf(ns.hostId, ns.address), port: ns.port }));
  return { rocketmqVersion: spec.cluster.rocketmqVersion, nodes, nameServers };
}

export function selfIdOf(node: NodeView): string | undefined {
  return node.props.dLegerSelfId;
}

/** "suzhou@broker/n0", or the file name when the node has no selfId. */
export function nodeLabel(node: NodeView): string {
  const selfId = selfIdOf(node);
  if (selfId) return `${node.group}/${selfId}`;
  return node.file ?? `${node.group}/(no dLegerSelfId)`;
}

export function groupNodes(nodes: NodeView[]): Map<string, NodeView[]> {
  const groups = new Map<string, NodeView[]>();
  for (const node of nodes) groups.set(node.group, [...(groups.get(node.group) ?? []), node]);
  return groups;
}

export function hostLabel(host: HostView): string {
  return host.name === host.address ? host.address : `${host.name} (${host.address})`;
}
