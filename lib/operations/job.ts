import "server-only";
import { db } from "../db";
import { loadRevision } from "../clusters";
import { HostConnections } from "../nodes/connections";
import { type NodeLayout, nodeLayouts, processKey } from "../nodes/layout";
import { markRevisionDeployed } from "../nodes/mark-deployed";
import { type JobDefinition, StepFailure, titleOf } from "../jobs/model";
import { message } from "../i18n/message";
import { createRocketmqClient } from "../rocketmq";
import type { OperationResources } from "./resources";
import { runNodeOperation } from "./run-node";
import { type OperationAction, operationParamsSchema, operationStepParamsSchema, type StepAction } from "./schema";
import { decommissionGroup } from "./steps/decommission-group";
import { installRelease } from "./steps/install-release";
import { startGroup } from "./steps/start-group";
import { startNameServer, stopNameServer } from "./steps/nameserver-lifecycle";
import { upgradeNode } from "./steps/upgrade-node";

export const OPERATION_KINDS: readonly OperationAction[] = ["restart", "stop", "start", "apply"];

/** Restart, stop, start or apply: one step at a time, in the planned order; each step's action says what it does. */
const operationJob: Omit<JobDefinition<OperationResources>, "kind"> = {
  async open(job) {
    if (!job.revisionId) throw new StepFailure(message("jobLog.operation.noRevision"));
    const { spec, files } = await loadRevision({ id: job.revisionId });
    const params = operationParamsSchema.parse(job.params);
    const layouts = nodeLayouts(spec, files, params.nameServerJvmOptions);
    const from =
      params.fromRevisionNumber !== undefined && job.clusterId
        ? await loadRevision({ clusterId: job.clusterId, number: params.fromRevisionNumber })
        : { spec, files };
    const fromLayouts = from.spec === spec ? layouts : nodeLayouts(from.spec, from.files, params.nameServerJvmOptions);
    const hostIds = [...new Set([...layouts, ...fromLayouts].map((l) => l.hostId))];
    const hosts = await db.host.findMany({ where: { id: { in: hostIds } } });
    return {
      job,
      params,
      spec,
      layouts,
      fromSpec: from.spec,
      fromLayouts,
      connections: new HostConnections(new Map(hosts.map((h) => [h.id, h]))),
      rocketmq: createRocketmqClient({ timeoutMs: 3_000 }),
      restarted: new Set(),
    };
  },

  async runStep(resources, ctx) {
    const params = operationStepParamsSchema.safeParse(ctx.step.params);
    if (!params.success) throw new StepFailure(message("jobLog.operation.noProcessParam", { key: ctx.step.key }));
    const action = ctx.step.action as StepAction;
    const target = params.data;
    if ("host" in target) {
      if (action === "install") return installRelease(ctx, resources, target.host);
    } else if ("group" in target) {
      if (action === "start-group") return startGroup(ctx, resources, target.group);
      if (action === "decommission") return decommissionGroup(ctx, resources, target.group);
    } else {
      // A removed NameServer is only in the revision the job started from; every other process is in the new one.
      if (action === "stop-nameserver")
        return stopNameServer(ctx, resources, findProcess(resources, resources.fromLayouts, target.process));
      const node = findProcess(resources, resources.layouts, target.process);
      if (action === "start-nameserver") return startNameServer(ctx, resources, node);
      if (action === "upgrade") return upgradeNode(ctx, resources, node, findProcess(resources, resources.fromLayouts, target.process));
      if (action === "restart" || action === "stop" || action === "start" || action === "apply")
        return runNodeOperation(ctx, resources, node);
    }
    throw new StepFailure(message("jobLog.operation.noProcessParam", { key: ctx.step.key }));
  },

  async close(resources) {
    await resources.connections.closeAll();
    await resources.rocketmq.close();
  },

  /** An applied revision is the deployed one from now on (the dashboard watches it). */
  async onSucceeded(job, tx) {
    const params = operationParamsSchema.parse(job.params);
    if (params.request.action === "apply") await markRevisionDeployed(tx, job, params.revisionNumber, "reconcile");
  },

  unchangedSummary: (job) => message("jobs.summary.operationUnchanged", { job: titleOf(job) }),
  changedSummary: (job, changed) => message("jobs.summary.operationChanged", { job: titleOf(job), count: changed }),
};

function findProcess(resources: OperationResources, layouts: NodeLayout[], process: string): NodeLayout {
  const node = layouts.find((l) => processKey(l) === process);
  if (!node) throw new StepFailure(message("jobLog.operation.noProcess", { revision: resources.params.revisionNumber, process }));
  return node;
}

/** The same definition under each kind, so the job list says what a job did. */
export const operationJobs: JobDefinition<OperationResources>[] = OPERATION_KINDS.map((kind) => ({ ...operationJob, kind }));
