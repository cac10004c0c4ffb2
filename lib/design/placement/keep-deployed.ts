import type { BrokerNodeDraft, BrokerNodeSpec, ClusterDraft, ClusterSpec } from "../model/schema";

// A wizard draft leaves what it can suggest open (ports, paths, heap, send threads) and completeDraft fills it from
// the draft as a whole: how many brokers share a host decides their sizes. Once a cluster runs, that would re-size
// running nodes whenever a group joins their hosts (and restart them for nothing). So the deployed revision's values
// are written into the draft for the nodes it deployed; only new nodes are left open for suggestions, and those are
// made with the running nodes on each host already counted and their ports already taken.

const key = (brokerName: string, selfId: string) => `${brokerName}\u0000${selfId}`;

function withoutMark({ deployed: _, ...node }: BrokerNodeDraft): BrokerNodeDraft {
  return node;
}

/** A draft node with every value the wizard left open taken from the node the deployed revision runs. */
function keep(node: BrokerNodeDraft, running: BrokerNodeSpec, deployed: ClusterSpec): BrokerNodeDraft {
  return {
    ...withoutMark(node),
    hostId: running.hostId,
    hostAddress: node.hostAddress ?? running.hostAddress,
    listenPort: node.listenPort ?? running.listenPort,
    dLegerPort: node.dLegerPort ?? running.dLegerPort,
    storePathRootDir: node.storePathRootDir ?? running.storePathRootDir,
    storePathCommitLog: node.storePathCommitLog ?? running.storePathCommitLog,
    heapMb: node.heapMb ?? running.heapMb,
    // What the file says: the generator writes the cluster's default when a node has none.
    sendMessageThreadPoolNums:
      node.sendMessageThreadPoolNums ?? running.sendMessageThreadPoolNums ?? deployed.cluster.defaults.sendMessageThreadPoolNums,
    deployed: true,
  };
}

/**
 * The draft with each node the deployed revision runs (same group, selfId and host, or no host chosen yet) holding
 * that node's values wherever the draft leaves them open, and marked `deployed`. Values the draft sets stay: an
 * operator's edit is a change to apply. A node moved to another host is a new process and gets suggestions.
 * Without a deployed revision, it only clears the marks.
 */
export function keepDeployedNodes(draft: ClusterDraft, deployed: ClusterSpec | null): ClusterDraft {
  const running = new Map<string, BrokerNodeSpec>();
  for (const group of deployed?.groups ?? []) for (const node of group.nodes) running.set(key(group.brokerName, node.selfId), node);
  return {
    ...draft,
    groups: draft.groups.map((group) => ({
      ...group,
      nodes: group.nodes.map((node) => {
        const match = running.get(key(group.brokerName, node.selfId));
        const sameHost = match !== undefined && (node.hostId === undefined || node.hostId === match.hostId);
        return deployed && match && sameHost ? keep(node, match, deployed) : withoutMark(node);
      }),
    })),
  };
}
