import { type ClusterSpec, diffFiles, nodeAddress, type RenderedFile } from "../design";
import { english } from "../i18n/translate";
import { type Message, message } from "../i18n/message";
import { distributionHome, type NodeLayout, nodeLayouts, processKey } from "../nodes/layout";
import { asOf, type TopologySnapshot } from "../topology/model";
import { agreedLeader, type MemberView, majorityRefusal, rollingOrder } from "./safety";
import type { OperationPlan, OperationRequest, PlannedRole, PlannedStep } from "./schema";

// An operation planned from the cluster's revision and the dashboard's latest snapshot. Pure: the preview shows
// exactly the nodes, order and refusals the job is created with. The job judges again from live answers.

export interface RevisionFiles {
  number: number;
  spec: ClusterSpec;
  files: RenderedFile[];
  /** Lint errors recorded with the revision (apply refuses a revision that has any). */
  lintErrors?: number;
}

export interface PlanInput {
  request: OperationRequest;
  /** The revision running on the hosts (the cluster's deployed revision). */
  deployed: RevisionFiles;
  /** apply: the revision to roll onto the running nodes. */
  next?: RevisionFiles;
  nameServerJvmOptions: string;
  /** What runs now, as the dashboard last saw it or as asked just now; null when nothing is known. */
  view: ClusterView | null;
}

/** The running cluster as far as a plan cares: each group's members, and which NameServers answer. */
export interface ClusterView {
  /** undefined when the group was not seen at all. */
  members(brokerName: string): MemberView[] | undefined;
  nameServerUp(address: string): boolean | undefined;
}

/** A request that names no such node, group or NameServer, or asks what an operation cannot do. */
export class OperationPlanError extends Error {}

export interface PlannedOperation {
  plan: OperationPlan;
  /** The layouts the job acts on, in order (the plan's nodes, one to one). */
  layouts: NodeLayout[];
}

const VERB = { restart: "Restart", stop: "Stop", start: "Start", apply: "Apply" } as const;

export function planOperation(input: PlanInput): PlannedOperation {
  const { request } = input;
  const revision = input.next ?? input.deployed;
  const layouts = nodeLayouts(revision.spec, revision.files, input.nameServerJvmOptions);
  const view = new RoleView(input.view);
  const hostName = (hostId: string) => revision.spec.hosts.find((h) => h.id === hostId)?.name ?? hostId;
  const warnings: Message[] = [];
  let refusal: Refusal | null = null;
  let chosen: NodeLayout[];
  let title: Message;

  if (request.action === "apply") {
    const next = input.next;
    if (!next) throw new OperationPlanError("Name the revision to apply.");
    refusal = applyRefusal(input.deployed, next);
    const before = new Map(
      nodeLayouts(input.deployed.spec, input.deployed.files, input.nameServerJvmOptions).map((l) => [processKey(l), l]),
    );
    const changed = layouts.filter((l) => before.get(processKey(l))?.launchFingerprint !== l.launchFingerprint);
    chosen = [
      ...changed.filter((l) => l.kind === "namesrv"),
      ...rollBrokers(
        changed.filter((l) => l.kind === "broker"),
        view,
      ),
    ];
    title = message("operations.title.apply", { revision: next.number, cluster: revision.spec.cluster.brokerClusterName });
    if (chosen.length === 0 && !refusal) warnings.push(message("operations.warning.nothingChanges", { revision: next.number }));
  } else {
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
  }

  if (!input.view) warnings.push(message("operations.warning.unknownView"));
  for (const node of chosen) {
    const role = view.role(node);
    if (role === "leader" && request.action !== "start") warnings.push(message("operations.warning.leader", { node: node.label }));
    if (role === "down" && request.action !== "stop") warnings.push(message("operations.warning.down", { node: node.label }));
  }

  const action = request.action;
  const steps: PlannedStep[] = chosen.map((node) => {
    const what = describe(action, node, view.role(node), revision.number);
    return {
      key: `${action}:${processKey(node)}`,
      action,
      kind: node.kind,
      label: processLabel(node),
      brokerName: node.broker?.brokerName ?? null,
      selfId: node.broker?.selfId ?? null,
      address: node.address,
      hostName: hostName(node.hostId),
      hostNames: [hostName(node.hostId)],
      role: view.role(node),
      what: english(what),
      whatMessage: what,
      why: null,
    };
  });
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
  if (input.next) plan.diff = diffFiles(input.deployed.files, input.next.files);
  return { plan, layouts: chosen };
}

export const processLabel = (node: NodeLayout) => (node.kind === "namesrv" ? `NameServer ${node.address}` : node.label);

/** Groups in revision order; inside each, down nodes first, followers, the leader last. */
function rollBrokers(brokers: NodeLayout[], view: RoleView): NodeLayout[] {
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

/** Why an operation is refused; `forceable` when an admin may go on anyway. */
interface Refusal {
  text: Message;
  forceable: boolean;
}

const forceable = (refusal: Message): Refusal => ({ text: message("operations.refusal.forceable", { refusal }), forceable: true });

function brokerRefusal(node: NodeLayout, view: RoleView): Refusal | null {
  const members = view.cluster?.members(node.broker!.brokerName);
  if (!members) return null;
  const refusal = majorityRefusal(node.broker!.brokerName, members, node.broker!.selfId);
  return refusal && forceable(refusal);
}

function nameServerRefusal(node: NodeLayout, layouts: NodeLayout[], view: RoleView): Refusal | null {
  if (view.cluster?.nameServerUp(node.address) !== true) return null;
  const others = layouts.filter((l) => l.kind === "namesrv" && l.address !== node.address);
  if (others.some((o) => view.cluster?.nameServerUp(o.address))) return null;
  return forceable(
    others.length === 0
      ? message("operations.refusal.onlyNameServer", { address: node.address })
      : message("operations.refusal.noOtherNameServer", { others: others.map((o) => o.address).join(", "), address: node.address }),
  );
}

/** What can be rolled onto running nodes: config and JVM options. Anything that moves processes is a deploy. */
function applyRefusal(deployed: RevisionFiles, next: RevisionFiles): Refusal | null {
  const refuse = (text: Message) => ({ text, forceable: false });
  const revision = next.number;
  if (next.number === deployed.number) return refuse(message("operations.refusal.alreadyDeployed", { revision }));
  if ((next.lintErrors ?? 0) > 0) return refuse(message("operations.refusal.lintErrors", { revision, count: next.lintErrors ?? 0 }));
  if (distributionHome(next.spec) !== distributionHome(deployed.spec)) {
    return refuse(
      message("operations.refusal.newHome", { revision, from: distributionHome(deployed.spec), to: distributionHome(next.spec) }),
    );
  }
  const [was, will] = [placements(deployed.spec), placements(next.spec)];
  const moved = [...new Set([...was.keys(), ...will.keys()])].filter((key) => was.get(key) !== will.get(key));
  if (moved.length > 0) return refuse(message("operations.refusal.movesProcesses", { revision, processes: moved.join(", ") }));
  return null;
}

/** Where each process runs and listens, keyed by its name: what a rolling restart must leave alone. */
function placements(spec: ClusterSpec): Map<string, string> {
  const entries: [string, string][] = [
    ...spec.nameServers.map((ns): [string, string] => [`NameServer ${ns.address}:${ns.port}`, ns.hostId]),
    ...spec.groups.flatMap((g) =>
      g.nodes.map((n): [string, string] => [
        `${g.brokerName} ${n.selfId}`,
        [n.hostId, nodeAddress(n), n.listenPort, n.dLegerPort, n.storePathRootDir, n.storePathCommitLog, g.dLegerGroup].join(" "),
      ]),
    ),
  ];
  return new Map(entries);
}

function describe(action: OperationRequest["action"], node: NodeLayout, role: PlannedRole, revision: number): Message {
  const process = { pidfile: node.pidfile, conf: node.confPath, ports: node.ports.join(", ") };
  const stop = message(role === "leader" ? "operations.what.handOverAndStop" : "operations.what.stop", process);
  const rejoin = message(node.kind === "namesrv" ? "operations.what.rejoinNameServer" : "operations.what.rejoinBroker");
  const start = message("operations.what.start", { revision, conf: node.confPath, rejoin });
  if (action === "stop") return message("operations.what.stopOnly", { stop });
  if (action === "start") return start;
  if (action === "apply") return message("operations.what.apply", { revision, stop, start });
  return message("operations.what.restart", { stop, start });
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

/** Roles by layout, as the view shows them. */
class RoleView {
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
