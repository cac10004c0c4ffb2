import { nodeAddress, registeredBrokerId, type ClusterSpec } from "../design";
import { type Message, message, messageList } from "../i18n/message";
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
  problems: Message[];
  /** One line per group when healthy: leader, term, followers. */
  summary: Message[];
}

/** Why an observation failed: the error's own words, or "no answer". */
const reasonOf = (answer: unknown) => (answer instanceof Error ? answer.message : message("jobLog.health.noAnswer"));

export function judgeCluster(spec: ClusterSpec, seen: Observation): Judgement {
  const problems: Message[] = [];
  const summary: Message[] = [];
  for (const group of spec.groups) {
    const states = group.nodes.map((node) => ({ node, state: seen.members.get(`${group.brokerName}/${node.selfId}`) }));
    const unreachable = states.filter((s) => !s.state || s.state instanceof Error);
    for (const { node, state } of unreachable) {
      problems.push(message("jobLog.health.memberDown", { group: group.brokerName, selfId: node.selfId, reason: reasonOf(state) }));
    }
    if (unreachable.length > 0) continue;
    const ok = states.map((s) => ({ node: s.node, state: s.state as DledgerMemberState }));
    const leaders = ok.filter((s) => s.state.role === "leader");
    const leaderIds = new Set(ok.map((s) => s.state.leaderId));
    const terms = new Set(ok.map((s) => s.state.term));
    if (leaders.length !== 1 || leaderIds.size !== 1 || terms.size !== 1) {
      const views = ok.map((s) =>
        message("jobLog.health.view", {
          selfId: s.node.selfId,
          role: s.state.role,
          leader: s.state.leaderId ?? message("jobLog.health.none"),
          term: s.state.term,
        }),
      );
      problems.push(message("jobLog.health.noLeader", { group: group.brokerName, views: messageList("semicolon", views) }));
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
        problems.push(message("jobLog.health.nameServerDown", { address, reason: reasonOf(info) }));
        continue;
      }
      const registered = info.clusters
        .find((c) => c.name === spec.cluster.brokerClusterName)
        ?.brokerGroups.find((g) => g.brokerName === group.brokerName);
      const actual = new Map((registered?.members ?? []).map((m) => [m.brokerId, m.address]));
      const asBrokerId = ([id, addr]: [number, string]) => message("jobLog.health.asBrokerId", { address: addr, id });
      const missing = [...expected].filter(([id, addr]) => actual.get(id) !== addr).map(asBrokerId);
      const extra = [...actual].filter(([id]) => !expected.has(id)).map(asBrokerId);
      if (missing.length > 0 || extra.length > 0) {
        const key = !extra.length ? "waitingFor" : !missing.length ? "unexpected" : "waitingForAndUnexpected";
        problems.push(
          message(`jobLog.health.${key}`, {
            group: group.brokerName,
            nameServer: address,
            missing: messageList("comma", missing),
            extra: messageList("comma", extra),
          }),
        );
      }
    }
    const followers = group.nodes.filter((n) => n !== leader).map((n) => n.selfId);
    summary.push(
      message("jobLog.health.healthy", {
        group: group.brokerName,
        leader: leader.selfId,
        term: [...terms][0],
        followers: followers.join(", ") || message("jobLog.health.none"),
        count: spec.nameServers.length,
      }),
    );
  }
  return { healthy: problems.length === 0, problems, summary };
}
