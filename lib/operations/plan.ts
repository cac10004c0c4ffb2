import { english } from "../i18n/translate";
import { type Message, message } from "../i18n/message";
import type { ClusterDrift } from "../nodes/drift/schema";
import { type NodeLayout, nodeLayouts } from "../nodes/layout";
import { asOf, type TopologySnapshot } from "../topology/model";
import {
  type ClusterView,
  describeNodeOperation,
  forceable,
  nameServerRefusal,
  type PlannedOperation,
  type PlannedStepWithTarget,
  processStep,
  type Refusal,
  type RevisionFiles,
  RoleView,
  roleWarnings,
  rollBrokers,
} from "./plan-nodes";
import { reconcilePlan } from "./reconcile-plan";
import { majorityRefusal } from "./safety";
import type { OperationPlan, OperationRequest } from "./schema";

export type { ClusterView, RevisionFiles } from "./plan-nodes";

// An operation planned from the cluster's revision and the dashboard's latest snapshot. Pure: the preview shows
// exactly the nodes, order and refusals the job is created with. The job judges again from live answers.
// apply is the reconcile plan's (reconcile-plan.ts); this file plans restart, stop and start.

export interface PlanInput {
  request: OperationRequest;
  /** The revision running on the hosts (the cluster's deployed revision). */
  deployed: RevisionFiles;
  /** apply: the revision to carry the cluster to. */
  next?: RevisionFiles;
  nameServerJvmOptions: string;
  /** What runs now, as the dashboard last saw it or as asked just now; null when nothing is known. */
  view: ClusterView | null;
  /** apply: the last drift check of the hosts; null when there is none. */
  drift?: ClusterDrift | null;
}

/** A request that names no such node, group or NameServer, or asks what an operation cannot do. */
export class OperationPlanError extends Error {}

const VERB = { restart: "Restart", stop: "Stop", start: "Start" } as const;

export function planOperation(input: PlanInput): PlannedOperation {
  const { request } = input;
  if (request.action === "apply") {
    if (!input.next) throw new OperationPlanError("Name the revision to apply.");
    return reconcilePlan({ ...input, request, next: input.next, drift: input.drift ?? null });
  }
  const revision = input.deployed;
  const layouts = nodeLayouts(revision.spec, revision.files, input.nameServerJvmOptions);
  const view = new RoleView(input.view);
  const hostName = (hostId: string) => revision.spec.hosts.find((h) => h.id === hostId)?.name ?? hostId;
  let refusal: Refusal | null = null;
  let chosen: NodeLayout[];
  let title: Message;

  const { target } = request;
  if (request.action !== "restart" && (target.kind === "group" || target.kind === "cluster")) {
    throw new OperationPlanError(
      `${VERB[request.action]} acts on one node or NameServer; a group or the whole cluster can only be restarted (one node at a time).`,
    );
  }
  if (target.kind === "node") {
    const node = layouts.find((l) => l.broker?.brokerName === target.brokerName && l.broker.selfId === target.selfId);
    if (!node) throw new OperationPlanError(`Revision #${revision.number} has no node ${target.selfId} in group ${target.brokerName}.`);
    chosen = [node];
    title = message("operations.title.node", {
      action: request.action,
      node: node.label,
      role: view.role(node),
      host: hostName(node.hostId),
    });
    if (request.action !== "start") refusal = brokerRefusal(node, view);
  } else if (target.kind === "namesrv") {
    const node = layouts.find((l) => l.kind === "namesrv" && l.address === target.address);
    if (!node) throw new OperationPlanError(`Revision #${revision.number} has no NameServer at ${target.address}.`);
    chosen = [node];
    title = message("operations.title.nameServer", { action: request.action, address: node.address, host: hostName(node.hostId) });
    if (request.action !== "start") refusal = nameServerRefusal(node, layouts, view);
  } else if (target.kind === "group") {
    const members = layouts.filter((l) => l.broker?.brokerName === target.brokerName);
    if (members.length === 0) throw new OperationPlanError(`Revision #${revision.number} has no group ${target.brokerName}.`);
    chosen = rollBrokers(members, view);
    title = message("operations.title.group", { group: target.brokerName, count: members.length });
  } else {
    chosen = [
      ...layouts.filter((l) => l.kind === "namesrv"),
      ...rollBrokers(
        layouts.filter((l) => l.kind === "broker"),
        view,
      ),
    ];
    title = message("operations.title.cluster", { cluster: revision.spec.cluster.brokerClusterName, count: chosen.length });
  }

  const action = request.action;
  const planned: PlannedStepWithTarget[] = chosen.map((node) => {
    const role = view.role(node);
    return processStep(action, node, {
      role,
      hostName: hostName(node.hostId),
      what: describeNodeOperation(action, node, role, revision.number),
    });
  });
  const steps = planned.map((p) => p.step);
  const warnings = roleWarnings(steps, view, action !== "start");
  const plan: OperationPlan = {
    title: english(title),
    titleMessage: title,
    request,
    revision: revision.number,
    steps,
    warnings: warnings.map(english),
    warningMessages: warnings,
    refusal: refusal && { message: english(refusal.text), forceable: refusal.forceable },
    refusalMessage: refusal?.text ?? null,
  };
  return { plan, targets: planned.map((p) => p.target) };
}

function brokerRefusal(node: NodeLayout, view: RoleView): Refusal | null {
  const members = view.cluster?.members(node.broker!.brokerName);
  if (!members) return null;
  const refusal = majorityRefusal(node.broker!.brokerName, members, node.broker!.selfId);
  return refusal && forceable(refusal);
}

/** The view the dashboard's snapshot gives, aged to `now` (a reading gone stale counts as not answering). */
export function snapshotView(snapshot: TopologySnapshot, now: number): ClusterView {
  const aged = asOf(snapshot, now);
  return {
    members: (brokerName) =>
      aged.groups
        .find((g) => g.brokerName === brokerName)
        ?.nodes.map((n) => ({
          selfId: n.selfId,
          up: n.health === "up",
          leaderId: n.health === "up" ? n.follows : null,
          maxOffset: n.runtime.value?.commitLogMaxOffset ?? null,
        })),
    nameServerUp: (address) => {
      const health = aged.nameServers.find((ns) => ns.address === address)?.health;
      return health === undefined || health === "unknown" ? undefined : health === "up";
    },
  };
}
