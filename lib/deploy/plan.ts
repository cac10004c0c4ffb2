import { type StepPlan, titled } from "../jobs/model";
import { english } from "../i18n/translate";
import { type Message, message } from "../i18n/message";
import type { ClusterSpec, RenderedFile } from "../design";
import { distributionHome, nodeLayouts, type NodeLayout } from "../nodes/layout";
import type { DeploySource } from "./schema";

// The deploy plan: pure, so the review dialog shows exactly the steps the job will run.

export const DEPLOY_STAGES = ["preflight", "install", "configure", "start-namesrv", "start-brokers", "verify"] as const;
export type DeployAction = (typeof DEPLOY_STAGES)[number];

export interface InventoryHost {
  id: string;
  name: string;
  address: string;
}

export interface HostPlan {
  hostId: string;
  hostName: string;
  address: string;
  nodes: { label: string; kind: NodeLayout["kind"]; ports: number[]; confPath: string; javaOptExt: string }[];
  /** What happens on this host, in order, for people (in English; `actionMessages` for the reader's language). */
  actions: string[];
  actionMessages: Message[];
}

export interface DeployPlan {
  steps: StepPlan[];
  hosts: HostPlan[];
  home: string;
}

export interface PlanOptions {
  source: DeploySource;
  nameServerJvmOptions: string;
}

export class PlanError extends Error {}

const stage = (action: DeployAction) => DEPLOY_STAGES.indexOf(action);

export function buildDeployPlan(spec: ClusterSpec, files: RenderedFile[], inventory: InventoryHost[], options: PlanOptions): DeployPlan {
  const layouts = nodeLayouts(spec, files, options.nameServerJvmOptions);
  const byId = new Map(inventory.map((h) => [h.id, h]));
  const hostIds = [...new Set(layouts.map((n) => n.hostId))];
  const missing = hostIds.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const names = missing.map((id) => spec.hosts.find((h) => h.id === id)?.name ?? id);
    throw new PlanError(
      `Host(s) ${names.join(", ")} of this revision are no longer in the inventory; edit the design and save a new revision.`,
    );
  }
  const hosts = hostIds.map((id) => byId.get(id)!).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const version = spec.cluster.rocketmqVersion;
  const home = distributionHome(spec);
  const source =
    options.source.kind === "upload"
      ? message("jobs.deployPlan.sourceUpload")
      : message("jobs.deployPlan.sourceUrl", { url: options.source.url });

  const steps: StepPlan[] = [];
  const perHost = (action: DeployAction, title: (host: InventoryHost) => Message, only: (nodes: NodeLayout[]) => boolean = () => true) => {
    for (const host of hosts) {
      const nodes = layouts.filter((n) => n.hostId === host.id);
      if (only(nodes))
        steps.push({
          key: `${action}:${host.id}`,
          stage: stage(action),
          action,
          ...titled(title(host)),
          hostId: host.id,
          hostName: host.name,
        });
    }
  };
  const hasNameServer = (nodes: NodeLayout[]) => nodes.some((n) => n.kind === "namesrv");
  const hasBroker = (nodes: NodeLayout[]) => nodes.some((n) => n.kind === "broker");
  perHost("preflight", (h) => message("steps.preflight", { host: h.name }));
  perHost("install", (h) => message("steps.install", { version, host: h.name }));
  perHost("configure", (h) => message("steps.configure", { host: h.name }));
  perHost("start-namesrv", (h) => message("steps.startNameServer", { host: h.name }), hasNameServer);
  perHost("start-brokers", (h) => message("steps.startBrokers", { host: h.name }), hasBroker);
  steps.push({ key: "verify", stage: stage("verify"), action: "verify", ...titled(message("steps.verify")) });

  return {
    home,
    steps,
    hosts: hosts.map((host) => {
      const nodes = layouts.filter((n) => n.hostId === host.id);
      const actions = [
        message("jobs.deployPlan.check"),
        message("jobs.deployPlan.install", { version, home, source }),
        message("jobs.deployPlan.configure", { count: nodes.length }),
        ...nodes
          .filter((n) => n.kind === "namesrv")
          .map((n) => message("jobs.deployPlan.startNameServer", { node: n.label, address: n.address })),
        ...nodes
          .filter((n) => n.kind === "broker")
          .map((n) => message("jobs.deployPlan.startBroker", { node: n.label, options: n.javaOptExt, address: n.address })),
      ];
      return {
        hostId: host.id,
        hostName: host.name,
        address: host.address,
        nodes: nodes.map((n) => ({ label: n.label, kind: n.kind, ports: n.ports, confPath: n.confPath, javaOptExt: n.javaOptExt })),
        actions: actions.map(english),
        actionMessages: actions,
      };
    }),
  };
}
