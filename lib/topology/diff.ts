/**
 * What changed between two snapshots, as timeline events. Pure. A transition from or to "unknown" (a poller
 * that just started, a node never asked yet) is not news; a leader change is, as is a node or NameServer going
 * down or coming back, and the NameServer disagreeing with DLedger past its grace period.
 */
import { type Message, message } from "../i18n/message";
import { english } from "../i18n/translate";
import type { GroupSnapshot, NodeSnapshot, TopologyEventInput, TopologySnapshot } from "./model";

type EventFields = Omit<TopologyEventInput, "at" | "message" | "detail"> & { detail?: Record<string, unknown> };
type Emit = (e: EventFields) => void;

export function diffSnapshots(previous: TopologySnapshot | null, next: TopologySnapshot): TopologyEventInput[] {
  if (!previous) return [];
  const at = next.generatedAt;
  const events: TopologyEventInput[] = [];
  const event: Emit = (e) => events.push({ at, detail: {}, message: english(e.text), ...e });

  const previousNamesrv = new Map(previous.nameServers.map((ns) => [ns.address, ns]));
  for (const ns of next.nameServers) {
    const before = previousNamesrv.get(ns.address);
    if (ns.health === "down" && before?.health !== "down") {
      event({
        kind: "namesrv_down",
        severity: "error",
        groupName: null,
        selfId: null,
        text:
          ns.reading.error !== null
            ? message("topologyEvents.namesrvDown", { address: ns.address, error: ns.reading.error })
            : message("topologyEvents.namesrvDownSilent", { address: ns.address }),
        detail: { address: ns.address },
      });
    } else if (ns.health === "up" && before?.health === "down") {
      event({
        kind: "namesrv_up",
        severity: "info",
        groupName: null,
        selfId: null,
        text: message("topologyEvents.namesrvUp", { address: ns.address }),
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
        text: message("topologyEvents.nodeDiscovered", { group: groupName, node: node.selfId, address: node.dledgerAddress }),
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
      event({
        kind: "leader_elected",
        severity: before.leaderId ? "warning" : "info",
        groupName,
        selfId: after.leaderId,
        text: leaderElected(groupName, after.leaderId, after.term, before.leaderId),
        detail: { from: before.leaderId, to: after.leaderId, term: after.term },
      });
    } else {
      event({
        kind: "leader_lost",
        severity: "error",
        groupName,
        selfId: before.leaderId,
        text: message("topologyEvents.leaderLost", { group: groupName, from: String(before.leaderId) }),
        detail: { from: before.leaderId, term: before.term },
      });
    }
  } else if (known && after.leaderId !== null && before.term !== null && after.term !== null && before.term !== after.term) {
    event({
      kind: "term_changed",
      severity: "warning",
      groupName,
      selfId: after.leaderId,
      text: message("topologyEvents.termChanged", { group: groupName, from: before.term, to: after.term, leader: after.leaderId }),
      detail: { from: before.term, to: after.term },
    });
  }

  if (after.namesrv.agreement === "disagrees" && before.namesrv.agreement !== "disagrees") {
    event({
      kind: "namesrv_disagrees",
      severity: "warning",
      groupName,
      selfId: after.leaderId,
      text: disagreement(after),
      detail: { masterAddress: after.namesrv.masterAddress, leaderId: after.leaderId },
    });
  } else if (after.namesrv.agreement === "agrees" && before.namesrv.agreement === "disagrees") {
    event({
      kind: "namesrv_agrees",
      severity: "info",
      groupName,
      selfId: after.leaderId,
      text: message("topologyEvents.namesrvAgrees", { group: groupName, leader: String(after.leaderId) }),
      detail: { masterAddress: after.namesrv.masterAddress },
    });
  }
}

function nodeHealthEvents(groupName: string, was: NodeSnapshot | undefined, node: NodeSnapshot, event: Emit) {
  if (node.health === "down" && was?.health !== "down") {
    const values = { group: groupName, node: node.selfId, address: node.dledgerAddress };
    event({
      kind: "node_down",
      severity: "error",
      groupName,
      selfId: node.selfId,
      text:
        node.dledger.error !== null
          ? message("topologyEvents.nodeDown", { ...values, error: node.dledger.error })
          : message("topologyEvents.nodeDownSilent", values),
      detail: { dledgerAddress: node.dledgerAddress, error: node.dledger.error, wasRole: was?.role ?? null },
    });
  } else if (node.health === "up" && was?.health === "down") {
    event({
      kind: "node_up",
      severity: "info",
      groupName,
      selfId: node.selfId,
      text: message("topologyEvents.nodeUp", { group: groupName, node: node.selfId }),
      detail: { dledgerAddress: node.dledgerAddress },
    });
  }
}

function leaderElected(group: string, leader: string, term: number | null, from: string | null): Message {
  const values = { group, leader };
  if (!from) {
    return term === null
      ? message("topologyEvents.leaderElected", values)
      : message("topologyEvents.leaderElectedInTerm", { ...values, term });
  }
  return term === null
    ? message("topologyEvents.leaderChanged", { ...values, from })
    : message("topologyEvents.leaderChangedInTerm", { ...values, term, from });
}

/** What the snapshot's namesrv.detail says, as a message: whom the NameServer lists, and whom DLedger elected. */
function disagreement(group: GroupSnapshot): Message {
  const leader = group.nodes.find((n) => n.selfId === group.leaderId);
  const values = { group: group.brokerName, leader: String(group.leaderId), address: String(leader?.brokerAddress) };
  return group.namesrv.masterAddress === null
    ? message("topologyEvents.namesrvDisagreesNoMaster", values)
    : message("topologyEvents.namesrvDisagrees", { ...values, master: group.namesrv.masterAddress });
}
