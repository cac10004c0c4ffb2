import type { ClusterSpec, RenderedFile } from "../design";
import { english } from "../i18n/translate";
import { type Message, message } from "../i18n/message";
import { type NodeLayout, processKey } from "../nodes/layout";
import { agreedLeader, type MemberView, rollingOrder } from "./safety";
import type { OperationPlan, OperationStepParams, PlannedRole, PlannedStep, StepAction } from "./schema";

// What both planners (plan.ts for restart, stop and start; reconcile-plan.ts for apply) say about one process:
// its role as the view shows it, the rolling order of a group, and the step that acts on it. Pure.

export interface RevisionFiles {
  number: number;
  spec: ClusterSpec;
  files: RenderedFile[];
  /** Lint errors recorded with the revision (apply refuses a revision that has any). */
  lintErrors?: number;
}

/** The running cluster as far as a plan cares: each group's members, and which NameServers answer. */
export interface ClusterView {
  /** undefined when the group was not seen at all. */
  members(brokerName: string): MemberView[] | undefined;
  nameServerUp(address: string): boolean | undefined;
}

/** Where the job runs a step: the host it opens a session to (null for a group step) and the step's params. */
export interface StepTarget {
  hostId: string | null;
  params: OperationStepParams;
}

export interface PlannedStepWithTarget {
  step: PlannedStep;
  target: StepTarget;
}

export interface PlannedOperation {
  plan: OperationPlan;
  /** Where the job runs each step of the plan, one to one. */
  targets: StepTarget[];
}

/** Why an operation is refused; `forceable` when an admin may go on anyway. */
export interface Refusal {
  text: Message;
  forceable: boolean;
}

export const forceable = (refusal: Message): Refusal => ({ text: message("operations.refusal.forceable", { refusal }), forceable: true });

/**
 * Clients need one NameServer to look routes up. Stopping the cluster's only one is refused (unless the view shows it
 * down already: starting it can only help), and so is stopping one while the view shows none of the others answering.
 * `nameServers` are the cluster's NameServers while this one is down.
 */
export function nameServerRefusal(node: NodeLayout, nameServers: NodeLayout[], view: RoleView): Refusal | null {
  const up = view.cluster?.nameServerUp(node.address);
  if (up === false) return null;
  const others = nameServers.filter((l) => l.kind === "namesrv" && l.address !== node.address);
  if (others.length === 0) return forceable(message("operations.refusal.onlyNameServer", { address: node.address }));
  if (up !== true || others.some((o) => view.cluster?.nameServerUp(o.address))) return null;
  return forceable(
    message("operations.refusal.noOtherNameServer", { others: others.map((o) => o.address).join(", "), address: node.address }),
  );
}

export const processLabel = (node: NodeLayout) => (node.kind === "namesrv" ? `NameServer ${node.address}` : node.label);

/** The step that acts on one process (restart, apply, upgrade, start-nameserver, stop-nameserver…). */
export function processStep(
  action: StepAction,
  node: NodeLayout,
  options: { role: PlannedRole; hostName: string; what: Message; why?: Message | null },
): PlannedStepWithTarget {
  return {
    step: {
      key: `${action}:${processKey(node)}`,
      action,
      kind: node.kind,
      label: processLabel(node),
      brokerName: node.broker?.brokerName ?? null,
      selfId: node.broker?.selfId ?? null,
      address: node.address,
      hostName: options.hostName,
      hostNames: [options.hostName],
      role: options.role,
      what: english(options.what),
      whatMessage: options.what,
      why: options.why ?? null,
    },
    target: { hostId: node.hostId, params: { process: processKey(node) } },
  };
}

/** Groups in input order; inside each, down nodes first, followers, the leader last. */
export function rollBrokers(brokers: NodeLayout[], view: RoleView): NodeLayout[] {
  const groups = [...new Set(brokers.map((b) => b.broker!.brokerName))];
  return groups.flatMap((name) => {
    const members = brokers.filter((b) => b.broker!.brokerName === name);
    return rollingOrder(
      members.map((layout) => ({ selfId: layout.broker!.selfId, layout })),
      (selfId) => {
        const role = view.role(members.find((m) => m.broker!.selfId === selfId)!);
        return role === "leader" || role === "follower" || role === "down" ? role : "unknown";
      },
    ).map((m) => m.layout);
  });
}

/** What stopping and starting one process means, for restart, stop, start and apply. */
export function describeNodeOperation(
  action: "restart" | "stop" | "start" | "apply",
  node: NodeLayout,
  role: PlannedRole,
  revision: number,
): Message {
  const stop = stopWhat(node, role);
  const start = startWhat(node, revision);
  if (action === "stop") return message("operations.what.stopOnly", { stop });
  if (action === "start") return start;
  if (action === "apply") return message("operations.what.apply", { revision, stop, start });
  return message("operations.what.restart", { stop, start });
}

export function stopWhat(node: NodeLayout, role: PlannedRole): Message {
  const process = { pidfile: node.pidfile, conf: node.confPath, ports: node.ports.join(", ") };
  return message(role === "leader" ? "operations.what.handOverAndStop" : "operations.what.stop", process);
}

export const rejoinWhat = (node: NodeLayout) =>
  message(node.kind === "namesrv" ? "operations.what.rejoinNameServer" : "operations.what.rejoinBroker");

const startWhat = (node: NodeLayout, revision: number) =>
  message("operations.what.start", { revision, conf: node.confPath, rejoin: rejoinWhat(node) });

/** A job step's title: a node operation's, or what a reconcile step does (`version`: the release applied). */
export function stepTitle(step: PlannedStep, version: string): Message {
  const node = step.label;
  const host = step.hostName ?? "";
  switch (step.action) {
    case "install":
      return message("reconcile.step.install", { version, host });
    case "start-nameserver":
      return message("reconcile.step.startNameServer", { node, host });
    case "start-group":
      return message("reconcile.step.startGroup", { group: node });
    case "upgrade":
      return message(step.role === "leader" ? "reconcile.step.upgradeLeader" : "reconcile.step.upgrade", { node, version });
    case "decommission":
      return message("reconcile.step.decommission", { group: node });
    case "stop-nameserver":
      return message("reconcile.step.stopNameServer", { node, host });
    default:
      return message(step.role === "leader" ? "steps.operationOnLeader" : "steps.operation", { action: step.action, node });
  }
}

/** Roles by layout, as the view shows them. */
export class RoleView {
  constructor(readonly cluster: ClusterView | null) {}

  role(node: NodeLayout): PlannedRole {
    if (node.kind === "namesrv") return "namesrv";
    const members = this.cluster?.members(node.broker!.brokerName);
    const self = members?.find((m) => m.selfId === node.broker!.selfId);
    if (!members || !self) return "unknown";
    if (!self.up) return "down";
    const leader = agreedLeader(members);
    if (leader === null) return "candidate";
    return leader === self.selfId ? "leader" : "follower";
  }
}

/** The warnings every plan that stops processes gives: nothing known of the cluster, a leader hands over, a node is down. */
export function roleWarnings(steps: readonly PlannedStep[], view: RoleView, stops: boolean): Message[] {
  const warnings: Message[] = [];
  if (!view.cluster) warnings.push(message("operations.warning.unknownView"));
  for (const step of steps) {
    if (step.kind !== "namesrv" && step.kind !== "broker") continue;
    if (step.role === "leader" && stops) warnings.push(message("operations.warning.leader", { node: step.label }));
    if (step.role === "down" && step.action !== "stop") warnings.push(message("operations.warning.down", { node: step.label }));
  }
  return warnings;
}
