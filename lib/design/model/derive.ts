import { formatPeers } from "./peers";
import type { BrokerGroupSpec, BrokerNodeSpec, ClusterSpec } from "./schema";

export interface PropertyItem {
  key: string;
  value: string;
  comment?: string;
}

export interface PropertySection {
  title: string;
  items: PropertyItem[];
}

/** `a:9876;b:9876`, in the order the NameServers are listed. */
export function namesrvAddr(spec: Pick<ClusterSpec, "nameServers">): string {
  return spec.nameServers.map((ns) => `${ns.address}:${ns.port}`).join(";");
}

/** The address other nodes dial: the chosen brokerIP1, else the host's address. */
export function nodeAddress(node: Pick<BrokerNodeSpec, "brokerIP1" | "hostAddress">): string {
  return node.brokerIP1 ?? node.hostAddress;
}

/**
 * The brokerId a DLedger member registers with the NameServers: 0 while it leads, X + 1 as follower nX
 * (BrokerStartup: Integer.parseInt(selfId.substring(1)) + 1). The election decides which, not the config.
 */
export function registeredBrokerId(selfId: string, leaderId: string | null): number {
  return selfId === leaderId ? 0 : Number(selfId.slice(1)) + 1;
}

/** `n0-ip:port;n1-ip:port;…`, identical on every node of the group. */
export function dLegerPeers(group: Pick<BrokerGroupSpec, "nodes">): string {
  return formatPeers(group.nodes.map((n) => ({ id: n.selfId, host: nodeAddress(n), port: n.dLegerPort })));
}

/** The extra JVM options the start script appends (JAVA_OPT_EXT comes last, so it wins over runbroker.sh's 8g). */
export function brokerJvmOptions(node: Pick<BrokerNodeSpec, "heapMb">): string[] {
  return [`-Xms${node.heapMb}m`, `-Xmx${node.heapMb}m`];
}

function identity(spec: ClusterSpec, group: BrokerGroupSpec): PropertySection {
  return {
    title: "Identity",
    items: [
      {
        key: "brokerClusterName",
        value: spec.cluster.brokerClusterName,
        comment: "Cluster name, identical on every broker of the cluster",
      },
      { key: "brokerName", value: group.brokerName, comment: "Group name, shared by every node of this DLedger group" },
    ],
  };
}

function network(spec: ClusterSpec, node: BrokerNodeSpec): PropertySection {
  return {
    title: "Network",
    items: [
      { key: "namesrvAddr", value: namesrvAddr(spec), comment: "NameServer addresses, separated by ';'" },
      {
        key: "brokerIP1",
        value: nodeAddress(node),
        comment: "Address registered with the NameServers; explicit because a host with several NICs may pick the wrong one",
      },
      {
        key: "listenPort",
        value: String(node.listenPort),
        comment: "Client port; the broker also opens listenPort-2 (fast channel) and listenPort+1 (HA)",
      },
    ],
  };
}

function storage(spec: ClusterSpec, node: BrokerNodeSpec): PropertySection {
  return {
    title: "Storage",
    items: [
      { key: "storePathRootDir", value: node.storePathRootDir, comment: "Data directory; one broker process locks it" },
      {
        key: "storePathCommitLog",
        value: node.storePathCommitLog,
        comment: "Commit log directory; 4.9.x does not derive it from storePathRootDir",
      },
      { key: "flushDiskType", value: spec.cluster.flushDiskType, comment: "ASYNC_FLUSH or SYNC_FLUSH" },
    ],
  };
}

function dledger(group: BrokerGroupSpec, node: BrokerNodeSpec): PropertySection {
  const items: PropertyItem[] = [
    { key: "enableDLegerCommitLog", value: "true", comment: "Replicate the commit log with DLedger (Raft)" },
    { key: "dLegerGroup", value: group.dLegerGroup, comment: "Raft group name, best kept equal to brokerName" },
    {
      key: "dLegerPeers",
      value: dLegerPeers(group),
      comment: "Every node of the group as <selfId>-<host>:<port>; must be identical on every node",
    },
    {
      key: "dLegerSelfId",
      value: node.selfId,
      comment: "This node's id in dLegerPeers; as a follower it registers as brokerId <digits>+1",
    },
  ];
  if (group.preferredLeaderId) {
    items.push({
      key: "preferredLeaderId",
      value: group.preferredLeaderId,
      comment: "DLedger hands leadership to this node once it has caught up",
    });
  }
  return { title: "DLedger", items };
}

function tuning(spec: ClusterSpec, node: BrokerNodeSpec): PropertySection {
  const threads = node.sendMessageThreadPoolNums ?? spec.cluster.defaults.sendMessageThreadPoolNums;
  return {
    title: "Tuning",
    items: [
      { key: "sendMessageThreadPoolNums", value: String(threads), comment: "Threads serving send requests, sized from the host's CPUs" },
    ],
  };
}

function extra(node: BrokerNodeSpec): PropertySection {
  const keys = Object.keys(node.extraProperties).sort();
  return { title: "Extra properties", items: keys.map((key) => ({ key, value: node.extraProperties[key] })) };
}

/** The broker's properties in file order, grouped the way the generator prints them. */
export function brokerSections(spec: ClusterSpec, group: BrokerGroupSpec, node: BrokerNodeSpec): PropertySection[] {
  const sections = [identity(spec, group), network(spec, node), storage(spec, node), dledger(group, node), tuning(spec, node)];
  const extras = extra(node);
  return extras.items.length > 0 ? [...sections, extras] : sections;
}

export function brokerProperties(spec: ClusterSpec, group: BrokerGroupSpec, node: BrokerNodeSpec): Record<string, string> {
  const items = brokerSections(spec, group, node).flatMap((s) => s.items);
  return Object.fromEntries(items.map((i) => [i.key, i.value]));
}
