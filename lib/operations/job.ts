import "server-only";
import { db } from "../db";
import { loadRevision } from "../clusters";
import { HostConnections } from "../nodes/connections";
import { nodeLayouts } from "../nodes/layout";
import { markRevisionDeployed } from "../nodes/mark-deployed";
import { type JobDefinition, StepFailure, titleOf } from "../jobs/model";
import { message } from "../i18n/message";
import { createRocketmqClient } from "../rocketmq";
import { processKey } from "./plan";
import type { OperationResources } from "./resources";
import { runNodeOperation } from "./run-node";
import { type OperationAction, operationParamsSchema, operationStepParamsSchema } from "./schema";

export const OPERATION_KINDS: readonly OperationAction[] = ["restart", "stop", "start", "apply"];

/** Restart, stop, start or apply: one step per process, one process at a time, in the planned order. */
const operationJob: Omit<JobDefinition<OperationResources>, "kind"> = {
  async open(job) {
    if (!job.revisionId) throw new StepFailure(message("jobLog.operation.noRevision"));
    const { spec, files } = await loadRevision({ id: job.revisionId });
    const params = operationParamsSchema.parse(job.params);
    const layouts = nodeLayouts(spec, files, params.nameServerJvmOptions);
    const hosts = await db.host.findMany({ where: { id: { in: [...new Set(layouts.map((l) => l.hostId))] } } });
    return {
      job,
      params,
      spec,
      layouts,
      connections: new HostConnections(new Map(hosts.map((h) => [h.id, h]))),
      rocketmq: createRocketmqClient({ timeoutMs: 3_000 }),
      restarted: new Set(),
    };
  },

  async runStep(resources, ctx) {
    const params = operationStepParamsSchema.safeParse(ctx.step.params);
    if (!params.success) throw new StepFailure(message("jobLog.operation.noProcessParam", { key: ctx.step.key }));
    const node = resources.layouts.find((l) => processKey(l) === params.data.process);
    if (!node) {
      throw new StepFailure(
        message("jobLog.operation.noProcess", { revision: resources.params.revisionNumber, process: params.data.process }),
      );
    }
    return runNodeOperation(ctx, resources, node);
  },

  async close(resources) {
    await resources.connections.closeAll();
    await resources.rocketmq.close();
  },

  /** An applied revision is the deployed one from now on (the dashboard watches it). */
  async onSucceeded(job, tx) {
    const params = operationParamsSchema.parse(job.params);
    if (params.request.action === "apply") await markRevisionDeployed(tx, job, params.revisionNumber, "rolling restart");
  },

  unchangedSummary: (job) => message("jobs.summary.operationUnchanged", { job: titleOf(job) }),
  changedSummary: (job, changed) => message("jobs.summary.operationChanged", { job: titleOf(job), count: changed }),
};

/** The same definition under each kind, so the job list says what a job did. */
export const operationJobs: JobDefinition<OperationResources>[] = OPERATION_KINDS.map((kind) => ({ ...operationJob, kind }));
