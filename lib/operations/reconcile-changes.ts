import { type BrokerGroupSpec, type BrokerNodeSpec, type ClusterSpec, nodeAddress, parseProperties } from "../design";
import { type Message, message, messageList } from "../i18n/message";
import { distributionHome, type NodeLayout, processKey } from "../nodes/layout";
import { isPinnedRocketmqVersion, ROCKETMQ_VERSIONS } from "../rocketmq/versions";
import { processLabel, type RevisionFiles } from "./plan-nodes";
import type { PlannedChange } from "./schema";

// Every difference between the deployed revision and the one applied, and which of them the reconcile plan cannot
// carry out on a live cluster (with the way it can). Pure.

/** Both revisions with their processes, as the reconcile plan compares them. */
export interface Revisions {
  deployed: RevisionFiles;
  next: RevisionFiles;
  before: NodeLayout[];
  after: NodeLayout[];
  hostName(hostId: string): string;
}

const major = (version: string) => version.split(".")[0];

/** What makes a process's launch differ between the revisions: its conf's keys, its JVM options, its release. */
export function launchReasons(was: NodeLayout, will: NodeLayout, revisions: Revisions): Message[] {
  const reasons: Message[] = [];
  const keys = changedKeys(was.file.content, will.file.content);
  if (keys.length > 0) reasons.push(message("reconcile.why.confKeys", { keys: messageList("comma", keys) }));
  if (was.javaOptExt !== will.javaOptExt) reasons.push(message("reconcile.why.jvm", { from: was.javaOptExt, to: will.javaOptExt }));
  const [from, to] = [revisions.deployed.spec, revisions.next.spec].map((s) => s.cluster.rocketmqVersion);
  if (distributionHome(revisions.deployed.spec) !== distributionHome(revisions.next.spec)) reasons.push(releaseChange(from, to));
  // The file's header names the cluster, its version and the heap: a change there alone still changes the launch.
  if (reasons.length === 0 && was.file.content !== will.file.content) reasons.push(message("reconcile.why.confComments"));
  return reasons;
}

export const releaseChange = (from: string, to: string) => message("reconcile.why.release", { from, to });

/** Keys whose value differs between two properties files, in the new file's order, then the removed ones. */
function changedKeys(before: string, after: string): string[] {
  const [was, will] = [parseProperties(before).properties, parseProperties(after).properties];
  const keys = [...new Set([...Object.keys(will), ...Object.keys(was)])];
  return keys.filter((key) => was[key] !== will[key]);
}

export function revisionChanges(revisions: Revisions): PlannedChange[] {
  const structural = [...clusterChanges(revisions), ...nameServerChanges(revisions), ...groupChanges(revisions)];
  // A moved process's conf changes with it: the move says it all.
  const moved = new Set(structural.filter((c) => c.kind === "move").map((c) => c.subject));
  return [...structural, ...configChanges(revisions, moved)];
}

const refused = (kind: PlannedChange["kind"], subject: string, text: Message, refusal: Message): PlannedChange => ({
  kind,
  subject,
  text,
  refused: refusal,
});
const allowed = (kind: PlannedChange["kind"], subject: string, text: Message): PlannedChange => ({ kind, subject, text, refused: null });

function clusterChanges({ deployed, next }: Revisions): PlannedChange[] {
  const [was, will] = [deployed.spec.cluster, next.spec.cluster];
  const changes: PlannedChange[] = [];
  if (was.rocketmqVersion !== will.rocketmqVersion) {
    const [from, to] = [was.rocketmqVersion, will.rocketmqVersion];
    const text = message("reconcile.change.version", { from, to });
    const line = ROCKETMQ_VERSIONS.filter((v) => major(v) === major(from));
    if (!isPinnedRocketmqVersion(to)) {
      changes.push(
        refused("version", "RocketMQ", text, message("reconcile.refusal.unpinned", { to, pinned: ROCKETMQ_VERSIONS.join(", ") })),
      );
    } else if (major(from) !== major(to)) {
      const within = line.length > 0 ? line.join(", ") : from;
      changes.push(refused("version", "RocketMQ", text, message("reconcile.refusal.crossLine", { from, to, within })));
    } else changes.push(allowed("version", "RocketMQ", text));
  }
  // Both name every path and registration of the running processes: the plan cannot carry them over.
  for (const setting of ["brokerClusterName", "installDir"] as const) {
    if (was[setting] === will[setting]) continue;
    const values = { from: was[setting], to: will[setting] };
    const text = message("reconcile.change.setting", { setting, ...values });
    changes.push(refused("cluster", setting, text, message(`reconcile.refusal.${setting}`, values)));
  }
  return changes;
}

const nameServerAddress = (ns: ClusterSpec["nameServers"][number]) => `${ns.address}:${ns.port}`;

function nameServerChanges(revisions: Revisions): PlannedChange[] {
  const { deployed, next, hostName } = revisions;
  const was = deployed.spec.nameServers;
  const will = next.spec.nameServers;
  const changes: PlannedChange[] = [];
  const moved = new Set<string>();
  // A NameServer is what clients dial (address:port) and the process on its host (host, port): keeping one but
  // not the other would start a second process in the first one's place, or leave clients dialling nothing.
  for (const old of was) {
    const same = will.find((ns) => nameServerAddress(ns) === nameServerAddress(old));
    const samePlace = will.find((ns) => ns.hostId === old.hostId && ns.port === old.port);
    const moves =
      same && same.hostId !== old.hostId
        ? `${hostName(old.hostId)} → ${hostName(same.hostId)}`
        : samePlace && nameServerAddress(samePlace) !== nameServerAddress(old)
          ? `${nameServerAddress(old)} → ${nameServerAddress(samePlace)}`
          : null;
    if (!moves) continue;
    moved.add(nameServerAddress(old));
    if (samePlace) moved.add(nameServerAddress(samePlace));
    const subject = `NameServer ${nameServerAddress(old)}`;
    changes.push(
      refused("move", subject, message("reconcile.change.moves", { subject, what: moves }), message("reconcile.refusal.moveNameServer")),
    );
  }
  const kept = new Set(will.map(nameServerAddress));
  const removed = was.filter((ns) => !kept.has(nameServerAddress(ns)) && !moved.has(nameServerAddress(ns)));
  const existing = new Set(was.map(nameServerAddress));
  for (const ns of will.filter((n) => !existing.has(nameServerAddress(n)) && !moved.has(nameServerAddress(n)))) {
    const address = nameServerAddress(ns);
    changes.push(
      allowed("add-nameserver", `NameServer ${address}`, message("reconcile.change.addNameServer", { address, host: hostName(ns.hostId) })),
    );
  }
  const removesEvery = was.every((ns) => !kept.has(nameServerAddress(ns)));
  for (const ns of removed) {
    const address = nameServerAddress(ns);
    const text = message("reconcile.change.removeNameServer", { address, host: hostName(ns.hostId) });
    const subject = `NameServer ${address}`;
    changes.push(
      removesEvery
        ? refused(
            "remove-nameserver",
            subject,
            text,
            message("reconcile.refusal.everyNameServer", { addresses: was.map(nameServerAddress).join(", ") }),
          )
        : allowed("remove-nameserver", subject, text),
    );
  }
  return changes;
}

/** Where a node lives and how its peers reach it: none of it can change under a running DLedger store. */
function placement(group: BrokerGroupSpec, node: BrokerNodeSpec, hostName: (id: string) => string): [string, string][] {
  return [
    ["host", hostName(node.hostId)],
    ["brokerIP1", nodeAddress(node)],
    ["listenPort", String(node.listenPort)],
    ["dLegerPort", String(node.dLegerPort)],
    ["storePathRootDir", node.storePathRootDir],
    ["storePathCommitLog", node.storePathCommitLog],
    ["dLegerGroup", group.dLegerGroup],
  ];
}

function groupChanges(revisions: Revisions): PlannedChange[] {
  const { deployed, next, hostName } = revisions;
  const changes: PlannedChange[] = [];
  const moveOffer = message("reconcile.refusal.moveNode");
  for (const group of next.spec.groups) {
    const old = deployed.spec.groups.find((g) => g.brokerName === group.brokerName);
    if (!old) {
      changes.push(addedGroup(group, revisions));
      continue;
    }
    for (const node of group.nodes) {
      const label = `${group.brokerName} ${node.selfId}`;
      const was = old.nodes.find((n) => n.selfId === node.selfId);
      if (!was) {
        const text = message("reconcile.change.joins", { node: node.selfId, group: group.brokerName });
        changes.push(refused("membership", label, text, message("reconcile.refusal.membership")));
        continue;
      }
      const before = new Map(placement(old, was, hostName));
      const what = placement(group, node, hostName)
        .filter(([field, value]) => before.get(field) !== value)
        .map(([field, value]) => `${field} ${before.get(field)} → ${value}`);
      if (what.length > 0)
        changes.push(refused("move", label, message("reconcile.change.moves", { subject: label, what: what.join(", ") }), moveOffer));
    }
    for (const gone of old.nodes.filter((n) => !group.nodes.some((m) => m.selfId === n.selfId))) {
      const text = message("reconcile.change.leaves", { node: gone.selfId, group: group.brokerName });
      changes.push(refused("membership", `${group.brokerName} ${gone.selfId}`, text, message("reconcile.refusal.membership")));
    }
  }
  const removed = deployed.spec.groups.filter((g) => !next.spec.groups.some((n) => n.brokerName === g.brokerName));
  for (const group of removed) {
    const text = message("reconcile.change.removeGroup", { group: group.brokerName });
    changes.push(
      next.spec.groups.length === 0
        ? refused(
            "remove-group",
            group.brokerName,
            text,
            message("reconcile.refusal.lastGroup", { groups: removed.map((g) => g.brokerName).join(", ") }),
          )
        : allowed("remove-group", group.brokerName, text),
    );
  }
  return changes;
}

/**
 * A new group starts while the removed ones still run (they are decommissioned after it), so a new node may not
 * take a port or a store a removed process holds on the same host: the next revision's linter cannot see those.
 */
function addedGroup(group: BrokerGroupSpec, revisions: Revisions): PlannedChange {
  const { before, after, next, hostName } = revisions;
  const hosts = [...new Set(group.nodes.map((n) => hostName(n.hostId)))];
  const text = message("reconcile.change.addGroup", { group: group.brokerName, count: group.nodes.length, hosts: hosts.join(", ") });
  const leaving = before.filter((l) => removedLater(l, revisions));
  for (const node of after.filter((l) => l.broker?.brokerName === group.brokerName)) {
    for (const old of leaving.filter((l) => l.hostId === node.hostId)) {
      const port = node.ports.find((p) => old.ports.includes(p));
      const store = node.storePaths.find((p) => old.storePaths.includes(p));
      const held = port !== undefined ? `port ${port}` : store;
      if (held)
        return refused(
          "add-group",
          group.brokerName,
          text,
          message("reconcile.refusal.clash", {
            node: node.label,
            host: hostName(node.hostId),
            other: old.label,
            held,
            revision: next.number,
          }),
        );
    }
  }
  return allowed("add-group", group.brokerName, text);
}

/** A process of the deployed revision that this plan stops only at its end (a removed group or NameServer). */
function removedLater(layout: NodeLayout, { next }: Revisions): boolean {
  if (layout.broker) return !next.spec.groups.some((g) => g.brokerName === layout.broker!.brokerName);
  return !next.spec.nameServers.some((ns) => nameServerAddress(ns) === layout.address);
}

function configChanges(revisions: Revisions, moved: Set<string>): PlannedChange[] {
  const before = new Map(revisions.before.map((l) => [processKey(l), l]));
  return revisions.after.flatMap((layout) => {
    const was = before.get(processKey(layout));
    const subject = processLabel(layout);
    if (!was || was.address !== layout.address || moved.has(subject)) return [];
    const reasons = launchReasons(was, layout, revisions).filter((r) => r.key !== "reconcile.why.release");
    if (reasons.length === 0) return [];
    return [allowed("config", subject, message("reconcile.change.config", { subject, what: messageList("semicolon", reasons) }))];
  });
}
