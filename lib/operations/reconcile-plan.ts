import { diffFiles } from "../design";
import { english } from "../i18n/translate";
import { type Message, message, messageList } from "../i18n/message";
import type { ClusterDrift, DriftItem } from "../nodes/drift/schema";
import { distributionHome, type NodeLayout, nodeLayouts, processKey } from "../nodes/layout";
import {
  type ClusterView,
  describeNodeOperation,
  nameServerRefusal,
  type PlannedOperation,
  type PlannedStepWithTarget,
  processStep,
  type Refusal,
  type RevisionFiles,
  rejoinWhat,
  RoleView,
  roleWarnings,
  rollBrokers,
  stopWhat,
} from "./plan-nodes";
import { launchReasons, releaseChange, revisionChanges, type Revisions } from "./reconcile-changes";
import type { OperationPlan, OperationRequest, PlannedDrift, PlannedRole, PlannedStep, StepAction } from "./schema";

// "Apply": one plan that carries the cluster from its deployed revision to the next, shown before anything runs.
// Pure. The steps, in the order the job takes them:
//   1 install           the release, on each host whose distribution home is new (nothing stops)
//   2 start-nameserver  each NameServer the revision adds
//   3 start-group       each group it adds
//   4 apply | upgrade   existing processes whose launch changed or that drifted: NameServers one at a time, then
//                       each group followers first, the leader last (upgrade when the release changes)
//   5 decommission      each group it removes, once the new groups run, so producers have somewhere to go
//   6 stop-nameserver   each NameServer it removes, last: the brokers were rolled onto the new namesrvAddr in 4

export interface ReconcileInput {
  request: Extract<OperationRequest, { action: "apply" }>;
  deployed: RevisionFiles;
  next: RevisionFiles;
  nameServerJvmOptions: string;
  view: ClusterView | null;
  /** The last drift check of the hosts; null when there is none. */
  drift: ClusterDrift | null;
}

export function reconcilePlan(input: ReconcileInput): PlannedOperation {
  const { deployed, next, request } = input;
  const revisions: Revisions = {
    deployed,
    next,
    before: nodeLayouts(deployed.spec, deployed.files, input.nameServerJvmOptions),
    after: nodeLayouts(next.spec, next.files, input.nameServerJvmOptions),
    hostName: (hostId) => [...next.spec.hosts, ...deployed.spec.hosts].find((h) => h.id === hostId)?.name ?? hostId,
  };
  const view = new RoleView(input.view);
  const later: Message[] = [];
  const drift = currentDrift(input.drift, deployed.number, later);
  const changes = revisionChanges(revisions);
  const planned = [
    ...installSteps(revisions),
    ...startNameServerSteps(revisions),
    ...startGroupSteps(revisions),
    ...rollSteps(revisions, view, drift),
    ...decommissionSteps(revisions, request.deleteData),
    ...stopNameServerSteps(revisions),
  ];
  const steps = planned.map((p) => p.step);
  const driftPlan = plannedDrift(drift, planned, revisions, later);

  const [from, to] = [deployed.spec.cluster.rocketmqVersion, next.spec.cluster.rocketmqVersion];
  const same = next.number === deployed.number;
  const warnings = roleWarnings(steps, view, true);
  if (steps.length === 0 && !same) warnings.push(message("operations.warning.nothingChanges", { revision: next.number }));
  if (steps.length > 0 && same) warnings.push(message("reconcile.warning.sameRevision", { revision: next.number }));
  const decommissioned = steps.filter((s) => s.action === "decommission").map((s) => s.label);
  if (request.deleteData && decommissioned.length > 0)
    warnings.push(message("reconcile.warning.deleteData", { groups: messageList("and", decommissioned) }));
  warnings.push(...later);

  const lintErrors = next.lintErrors ?? 0;
  const refused =
    same && steps.length === 0
      ? message("operations.refusal.alreadyDeployed", { revision: next.number })
      : lintErrors > 0
        ? message("operations.refusal.lintErrors", { revision: next.number, count: lintErrors })
        : (changes.find((c) => c.refused)?.refused ?? null);
  const refusal: Refusal | null = refused ? { text: refused, forceable: false } : rolledNameServerRefusal(revisions, steps, view);
  const title = message("reconcile.title", { revision: next.number, cluster: next.spec.cluster.brokerClusterName });
  const plan: OperationPlan = {
    title: english(title),
    titleMessage: title,
    request,
    revision: next.number,
    steps,
    warnings: warnings.map(english),
    warningMessages: warnings,
    refusal: refusal && { message: english(refusal.text), forceable: refusal.forceable },
    refusalMessage: refusal?.text ?? null,
    diff: diffFiles(deployed.files, next.files),
    changes,
    drift: driftPlan,
  };
  if (from !== to) plan.upgrade = { from, to };
  return { plan, targets: planned.map((p) => p.target) };
}

/** A NameServer restarted or upgraded in place while no other one would answer (the first such, as the job meets it). */
function rolledNameServerRefusal({ after }: Revisions, steps: PlannedStep[], view: RoleView): Refusal | null {
  const rolled = new Set(
    steps.filter((s) => s.kind === "namesrv" && (s.action === "apply" || s.action === "upgrade")).map((s) => s.address),
  );
  for (const node of nameServers(after).filter((l) => rolled.has(l.address))) {
    const refusal = nameServerRefusal(node, nameServers(after), view);
    if (refusal) return refusal;
  }
  return null;
}

/** The drift items of the last check, when it compared the hosts with the revision deployed now. */
function currentDrift(drift: ClusterDrift | null, deployed: number, warnings: Message[]): DriftItem[] {
  if (!drift) return [];
  if (drift.revision === deployed) return drift.items;
  warnings.push(message("reconcile.warning.staleDrift", { checked: drift.revision, deployed }));
  return [];
}

/** A step on a host or a whole group: no process of its own, no role. */
function wideStep(
  step: Pick<PlannedStep, "action" | "kind" | "label" | "brokerName" | "hostName" | "hostNames" | "why"> & { key: string; what: Message },
  target: PlannedStepWithTarget["target"],
): PlannedStepWithTarget {
  const { what, ...rest } = step;
  return {
    step: { ...rest, selfId: null, address: null, role: "unknown", what: english(what), whatMessage: what },
    target,
  };
}

const nameServers = (layouts: NodeLayout[]) => layouts.filter((l) => l.kind === "namesrv");
const releaseChanges = ({ deployed, next }: Revisions) => distributionHome(deployed.spec) !== distributionHome(next.spec);

/** Every host when the release changes; else only the hosts new to the cluster. */
function installSteps(revisions: Revisions): PlannedStepWithTarget[] {
  const { before, after, deployed, next, hostName } = revisions;
  const everyHost = releaseChanges(revisions);
  const known = new Set(before.map((l) => l.hostId));
  const hosts = [...new Set(after.map((l) => l.hostId))];
  // In the design's host order (sz-1, sz-2, …), not the order processes happen to be listed in.
  const rank = (hostId: string) => {
    const index = next.spec.hosts.findIndex((h) => h.id === hostId);
    return index < 0 ? hosts.length + next.spec.hosts.length : index;
  };
  hosts.sort((a, b) => rank(a) - rank(b));
  const version = next.spec.cluster.rocketmqVersion;
  const what = message("reconcile.what.install", { version, home: distributionHome(next.spec) });
  const why = everyHost ? releaseChange(deployed.spec.cluster.rocketmqVersion, version) : message("reconcile.why.newHost");
  return hosts
    .filter((hostId) => everyHost || !known.has(hostId))
    .map((hostId) =>
      wideStep(
        {
          key: `install:${hostId}`,
          action: "install",
          kind: "host",
          label: hostName(hostId),
          brokerName: null,
          hostName: hostName(hostId),
          hostNames: [hostName(hostId)],
          what,
          why,
        },
        { hostId, params: { host: hostId } },
      ),
    );
}

function startNameServerSteps({ before, after, next, hostName }: Revisions): PlannedStepWithTarget[] {
  const running = new Set(nameServers(before).map((l) => l.address));
  const why = message("reconcile.why.added", { revision: next.number });
  return nameServers(after)
    .filter((l) => !running.has(l.address))
    .map((node) =>
      processStep("start-nameserver", node, {
        role: "namesrv",
        hostName: hostName(node.hostId),
        what: message("reconcile.what.startNameServer", { revision: next.number, conf: node.confPath, address: node.address }),
        why,
      }),
    );
}

function startGroupSteps({ deployed, next, after, hostName }: Revisions): PlannedStepWithTarget[] {
  const why = message("reconcile.why.added", { revision: next.number });
  return next.spec.groups
    .filter((g) => !deployed.spec.groups.some((d) => d.brokerName === g.brokerName))
    .map((group) => {
      const nodes = after.filter((l) => l.broker?.brokerName === group.brokerName);
      const placed = nodes.map((n) => message("reconcile.what.nodeOnHost", { node: n.broker!.selfId, host: hostName(n.hostId) }));
      return wideStep(
        {
          key: `start-group:${group.brokerName}`,
          action: "start-group",
          kind: "group",
          label: group.brokerName,
          brokerName: group.brokerName,
          hostName: null,
          hostNames: [...new Set(nodes.map((n) => hostName(n.hostId)))],
          what: message("reconcile.what.startGroup", { revision: next.number, nodes: messageList("comma", placed) }),
          why,
        },
        { hostId: null, params: { group: group.brokerName } },
      );
    });
}

/** Why the drift check brings a process into the plan: it is stopped, or runs another launch than the revision's. */
function driftReasons(drift: DriftItem[], process: string, deployed: number): Message[] {
  return drift
    .filter((d) => d.process === process)
    .flatMap((d) => {
      if (d.kind === "stopped") return [message("reconcile.why.stopped")];
      if (d.kind === "other-launch") return [message("reconcile.why.otherLaunch", { revision: deployed })];
      return [];
    });
}

/** Processes both revisions run whose launch changes, or that drifted: restarted (or upgraded) one at a time. */
function rollSteps(revisions: Revisions, view: RoleView, drift: DriftItem[]): PlannedStepWithTarget[] {
  const { before, after, deployed, next, hostName } = revisions;
  const running = new Map(before.map((l) => [processKey(l), l]));
  const reasons = new Map<string, Message[]>();
  for (const layout of after) {
    const was = running.get(processKey(layout));
    // A process new to its host, or one moving to another port (a refused move), is not restarted in place.
    if (!was || was.address !== layout.address) continue;
    const launch = was.launchFingerprint !== layout.launchFingerprint ? launchReasons(was, layout, revisions) : [];
    const why = [...launch, ...driftReasons(drift, processKey(layout), deployed.number)];
    if (why.length > 0) reasons.set(processKey(layout), why);
  }
  const chosen = after.filter((l) => reasons.has(processKey(l)));
  const action: StepAction = releaseChanges(revisions) ? "upgrade" : "apply";
  return [
    ...nameServers(chosen),
    ...rollBrokers(
      chosen.filter((l) => l.kind === "broker"),
      view,
    ),
  ].map((node) => {
    const role = view.role(node);
    const what = action === "upgrade" ? upgradeWhat(node, role, revisions) : describeNodeOperation("apply", node, role, next.number);
    const why = message("reconcile.why.all", { reasons: messageList("semicolon", reasons.get(processKey(node))!) });
    return processStep(action, node, { role, hostName: hostName(node.hostId), what, why });
  });
}

function upgradeWhat(node: NodeLayout, role: PlannedRole, { deployed, next }: Revisions): Message {
  return message("reconcile.what.upgrade", {
    stop: stopWhat(node, role),
    to: next.spec.cluster.rocketmqVersion,
    home: distributionHome(next.spec),
    revision: next.number,
    conf: node.confPath,
    rejoin: rejoinWhat(node),
    from: deployed.spec.cluster.rocketmqVersion,
  });
}

function decommissionSteps({ deployed, next, before, hostName }: Revisions, deleteData: boolean): PlannedStepWithTarget[] {
  const why = message("reconcile.why.removed", { revision: next.number });
  return deployed.spec.groups
    .filter((g) => !next.spec.groups.some((n) => n.brokerName === g.brokerName))
    .map((group) => {
      const nodes = before.filter((l) => l.broker?.brokerName === group.brokerName);
      // The commit log lives under the store root unless the design put it elsewhere.
      const paths = nodes.flatMap((n) => {
        const [root, commitLog] = n.storePaths;
        const where = `${hostName(n.hostId)}:${root}`;
        return commitLog.startsWith(`${root}/`) ? [where] : [where, `${hostName(n.hostId)}:${commitLog}`];
      });
      const store = message(deleteData ? "reconcile.what.storeDeleted" : "reconcile.what.storeKept", {
        paths: messageList("comma", paths),
      });
      return wideStep(
        {
          key: `decommission:${group.brokerName}`,
          action: "decommission",
          kind: "group",
          label: group.brokerName,
          brokerName: group.brokerName,
          hostName: null,
          hostNames: [...new Set(nodes.map((n) => hostName(n.hostId)))],
          what: message("reconcile.what.decommission", { store }),
          why,
        },
        { hostId: null, params: { group: group.brokerName } },
      );
    });
}

/** Its process is the deployed revision's (the job finds it among the layouts it started from). */
function stopNameServerSteps({ before, after, next, hostName }: Revisions): PlannedStepWithTarget[] {
  const kept = new Set(nameServers(after).map((l) => l.address));
  const why = message("reconcile.why.removed", { revision: next.number });
  return nameServers(before)
    .filter((l) => !kept.has(l.address))
    .map((node) =>
      processStep("stop-nameserver", node, {
        role: "namesrv",
        hostName: hostName(node.hostId),
        what: message("reconcile.what.stopNameServer", { pidfile: node.pidfile, address: node.address }),
        why,
      }),
    );
}

/** Each drift item with what this plan does about it; an unreachable host is a warning too. */
function plannedDrift(drift: DriftItem[], planned: PlannedStepWithTarget[], revisions: Revisions, warnings: Message[]): PlannedDrift[] {
  const acting = (actions: StepAction[]) =>
    new Set(planned.flatMap((p) => ("process" in p.target.params && actions.includes(p.step.action) ? [p.target.params.process] : [])));
  const restarted = acting(["apply", "upgrade"]);
  const upgrading = acting(["upgrade"]);
  const removedGroups = new Set(planned.filter((p) => p.step.action === "decommission").map((p) => p.step.brokerName));
  const removed = new Set([
    ...acting(["stop-nameserver"]),
    ...revisions.before.filter((l) => l.broker && removedGroups.has(l.broker.brokerName)).map(processKey),
  ]);
  const version = revisions.next.spec.cluster.rocketmqVersion;
  const revision = revisions.next.number;
  return drift.map((item): PlannedDrift => {
    const process = item.process ?? "";
    const action = (): Message => {
      if (item.kind === "unknown-process") return message("reconcile.drift.unknownProcess");
      if (item.kind === "host-unreachable") {
        warnings.push(message("reconcile.warning.hostUnreachable", { host: item.hostName }));
        return message("reconcile.drift.hostUnreachable", { host: item.hostName });
      }
      if (removed.has(process)) return message("reconcile.drift.removed");
      const now = restarted.has(process);
      switch (item.kind) {
        case "stopped":
          if (!now) return message("reconcile.drift.untouched");
          return upgrading.has(process) ? message("reconcile.drift.startedOn", { version }) : message("reconcile.drift.started");
        case "other-launch":
          return now ? message("reconcile.drift.restarted", { revision }) : message("reconcile.drift.untouched");
        case "conf-edited":
          return message(now ? "reconcile.drift.confEditedNow" : "reconcile.drift.confEditedLater");
        case "conf-missing":
          return message(now ? "reconcile.drift.confMissingNow" : "reconcile.drift.confMissingLater");
      }
    };
    return { ...item, action: action() };
  });
}
