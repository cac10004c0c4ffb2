/**
 * What changed between two snapshots, as timeline events. Pure. A transition from or to "unknown" (a poller
 * that just started, a node never asked yet) is not news; a leader change is, as is a node or NameServer going
 * down or coming back, and the NameServer disagreeing with DLedger past its grace period.
 */
import type { GroupSnapshot, NodeSnapshot, TopologyEventInput, TopologySnapshot } from "./model";

export function diffSnapshots(previous: TopologySnapshot | null, next: TopologySnapshot): TopologyEventInput[] {
  if (!previous) return [];
  const at = next.generatedAt;
  const events: TopologyEventInput[] = [];
  const event = (e: Omit<TopologyEventInput, "at" | "detail"> & { detail?: Record<string, unknown> }) =>
    events.push({ at, detail: {}, ...e });

  const previousNamesrv = new Map(previous.nameServers.map((ns) => [ns.address, ns]));
  for (const ns of next.nameServers) {
    const before = previousNamesrv.get(ns.address);
    if (ns.health === "down" && before?.health !== "down") {
      event({
        kind: "namesrv_down",
        severity: "error",
        groupName: null,
        selfId: null,
        message: `NameServer ${ns.address} is unreachable: ${ns.reading.error ?? "no answer"}`,
        detail: { address: ns.address },
      });
    } else if (ns.health === "up" && before?.health === "down") {
      event({
        kind: "namesrv_up",
        severity: "info",
        groupName: null,
        selfId: null,
        message: `NameServer ${ns.address} answers again`,
        detail: { address: ns.address },
      });
    }
  }

  const previousGroups = new Map(previous.groups.map((g) => [g.brokerName, g]));
  for (const group of next.groups) {
    const before = previousGroups.get(group.brokerName);
    if (before) groupEvents(before, group, event);
  }
  return events;
}

type Emit = (e: Omit<TopologyEventInput, "at" | "detail"> & { detail?: Record<string, unknown> }) => void;

function groupEvents(before: GroupSnapshot, after: GroupSnapshot, event: Emit) {
  const groupName = after.brokerName;
  const previousNodes = new Map(before.nodes.map((n) => [n.selfId, n]));
  for (const node of after.nodes) {
    const was = previousNodes.get(node.selfId);
    if (!was) {
      event({
        kind: "node_discovered",
        severity: "info",
        groupName,
        selfId: node.selfId,
        message: `${groupName} ${node.selfId} (${node.dledgerAddress}) joined the layout`,
        detail: { dledgerAddress: node.dledgerAddress },
      });
    }
    nodeHealthEvents(groupName, was, node, event);
  }

  // Before every member has answered once (a poller that just started), "no leader" only means "not asked yet".
  const known =
    before.health !== "unknown" &&
    after.health !== "unknown" &&
    (before.leaderId !== null || before.nodes.every((n) => n.health !== "unknown"));
  if (known && before.leaderId !== after.leaderId) {
    if (after.leaderId !== null) {
      const from = before.leaderId ? `, was ${before.leaderId}` : "";
      event({
        kind: "leader_elected",
        severity: before.leaderId ? "warning" : "info",
        groupName,
        selfId: after.leaderId,
        message: `${after.leaderId} leads ${groupName}${after.term !== null ? ` in term ${after.term}` : ""}${from}`,
        detail: { from: before.leaderId, to: after.leaderId, term: after.term },
      });
    } else {
      event({
        kind: "leader_lost",
        severity: "error",
        groupName,
        selfId: before.leaderId,
        message: `${groupName} has no leader (${before.leaderId} was leading): an election is due`,
        detail: { from: before.leaderId, term: before.term },
      });
    }
  } else if (known && after.leaderId !== null && before.term !== null && after.term !== null && before.term !== after.term) {
    event({
      kind: "term_changed",
      severity: "warning",
      groupName,
      selfId: after.leaderId,
      message: `${groupName} moved from term ${before.term} to ${after.term}; ${after.leaderId} still leads`,
      detail: { from: before.term, to: after.term },
    });
  }

  if (after.namesrv.agreement === "disagrees" && before.namesrv.agreement !== "disagrees") {
    event({
      kind: "namesrv_disagrees",
      severity: "warning",
      groupName,
      selfId: after.leaderId,
      message: `${groupName}: ${after.namesrv.detail}`,
      detail: { masterAddress: after.namesrv.masterAddress, leaderId: after.leaderId },
    });
  } else if (after.namesrv.agreement === "agrees" && before.namesrv.agreement === "disagrees") {
    event({
      kind: "namesrv_agrees",
      severity: "info",
      groupName,
      selfId: after.leaderId,
      message: `${groupName}: the NameServer lists the DLedger leader ${after.leaderId} as brokerId 0 again`,
      detail: { masterAddress: after.namesrv.masterAddress },
    });
  }
}

function nodeHealthEvents(groupName: string, was: NodeSnapshot | undefined, node: NodeSnapshot, event: Emit) {
  if (node.health === "down" && was?.health !== "down") {
    event({
      kind: "node_down",
      severity: "error",
      groupName,
      selfId: node.selfId,
      message: `${groupName} ${node.selfId} (${node.dledgerAddress}) is unreachable: ${node.dledger.error ?? "no answer"}`,
      detail: { dledgerAddress: node.dledgerAddress, error: node.dledger.error, wasRole: was?.role ?? null },
    });
  } else if (node.health === "up" && was?.health === "down") {
    event({
      kind: "node_up",
      severity: "info",
      groupName,
      selfId: node.selfId,
      message: `${groupName} ${node.selfId} answers again`,
      detail: { dledgerAddress: node.dledgerAddress },
    });
  }
}
