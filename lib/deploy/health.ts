import { nodeAddress, registeredBrokerId, type ClusterSpec } from "../design";
import type { ClusterInfo, DledgerMemberState } from "../rocketmq/schema";

// Pure judgement of "deployed": every node registered with every NameServer under the brokerId its DLedger
// role implies, and each group with exactly one leader that every member agrees on, in one term.

export interface Observation {
  /** NameServer "ip:port" → its cluster info, or the error met asking it. */
  nameServers: Map<string, ClusterInfo | Error>;
  /** `${brokerName}/${selfId}` → the member's DLedger state, or the error. */
  members: Map<string, DledgerMemberState | Error>;
}

export interface Judgement {
  healthy: boolean;
  problems: string[];
  /** One line per group when healthy: leader, term, followers. */
  summary: string[];
}

export function judgeCluster(spec: ClusterSpec, seen: Observation): Judgement {
  const problems: string[] = [];
  const summary: string[] = [];
  for (const group of spec.groups) {
    const states = group.nodes.map((node) => ({ node, state: seen.members.get(`${group.brokerName}/${node.selfId}`) }));
    const unreachable = states.filter((s) => !s.state || s.state instanceof Error);
    for (const { node, state } of unreachable) {
      problems.push(
        `${group.brokerName} ${node.selfId}: DLedger port not answering (${state instanceof Error ? state.message : "no answer"})`,
      );
    }
    if (unreachable.length > 0) continue;
    const ok = states.map((s) => ({ node: s.node, state: s.state as DledgerMemberState }));
    const leaders = ok.filter((s) => s.state.role === "leader");
    const leaderIds = new Set(ok.map((s) => s.state.leaderId));
    const terms = new Set(ok.map((s) => s.state.term));
    if (leaders.length !== 1 || leaderIds.size !== 1 || terms.size !== 1) {
      const views = ok
        .map((s) => `${s.node.selfId}: ${s.state.role}, leader ${s.state.leaderId ?? "none"}, term ${s.state.term}`)
        .join("; ");
      problems.push(`${group.brokerName}: no agreed single leader yet (${views})`);
      continue;
    }
    const leader = leaders[0].node;
    const expected = new Map(
      group.nodes.map((node) => [registeredBrokerId(node.selfId, leader.selfId), `${nodeAddress(node)}:${node.listenPort}`]),
    );
    for (const ns of spec.nameServers) {
      const address = `${ns.address}:${ns.port}`;
      const info = seen.nameServers.get(address);
      if (!info || info instanceof Error) {
        problems.push(`NameServer ${address} not answering (${info instanceof Error ? info.message : "no answer"})`);
        continue;
      }
      const registered = info.clusters
        .find((c) => c.name === spec.cluster.brokerClusterName)
        ?.brokerGroups.find((g) => g.brokerName === group.brokerName);
      const actual = new Map((registered?.members ?? []).map((m) => [m.brokerId, m.address]));
      const missing = [...expected].filter(([id, addr]) => actual.get(id) !== addr).map(([id, addr]) => `${addr} as brokerId ${id}`);
      const extra = [...actual].filter(([id]) => !expected.has(id)).map(([id, addr]) => `${addr} as brokerId ${id}`);
      if (missing.length > 0 || extra.length > 0) {
        problems.push(
          `${group.brokerName} on NameServer ${address}: ${missing.length ? `waiting for ${missing.join(", ")}` : ""}${missing.length && extra.length ? "; " : ""}${extra.length ? `unexpected ${extra.join(", ")}` : ""}`,
        );
      }
    }
    const followers = group.nodes.filter((n) => n !== leader).map((n) => n.selfId);
    summary.push(
      `${group.brokerName}: leader ${leader.selfId}, term ${[...terms][0]}, followers ${followers.join(", ") || "none"}, registered with ${spec.nameServers.length} NameServer(s)`,
    );
  }
  return { healthy: problems.length === 0, problems, summary };
}
