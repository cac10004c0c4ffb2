import "server-only";
import { db } from "../db";
import type { Job } from "../db/generated/client";
import { loadRevision } from "../clusters";
import { type JobDefinition, StepFailure } from "../jobs/model";
import { message } from "../i18n/message";
import { createRocketmqClient } from "../rocketmq";
import { HostConnections } from "../nodes/connections";
import { markRevisionDeployed } from "../nodes/mark-deployed";
import { nodeLayouts } from "../nodes/layout";
import type { DeployAction } from "./plan";
import type { DeployResources } from "./resources";
import { deployParamsSchema } from "./schema";
import { configure } from "../nodes/configure";
import { install } from "./steps/install";
import { preflight } from "./steps/preflight";
import { startNodes } from "./steps/start";
import { verify } from "./steps/verify";

const paramsOf = (job: Job) => deployParamsSchema.parse(job.params);

/** The deploy job: a saved revision becomes running, verified processes on its hosts. */
export const deployJob: JobDefinition<DeployResources> = {
  kind: "deploy",

  async open(job) {
    if (!job.revisionId) throw new StepFailure(message("jobLog.deploy.noRevision"));
    const { spec, files } = await loadRevision({ id: job.revisionId });
    const params = paramsOf(job);
    const hostIds = [...new Set([...spec.nameServers.map((n) => n.hostId), ...spec.groups.flatMap((g) => g.nodes.map((n) => n.hostId))])];
    const hosts = await db.host.findMany({ where: { id: { in: hostIds } } });
    return {
      job,
      params,
      spec,
      files,
      layouts: nodeLayouts(spec, files, params.nameServerJvmOptions),
      connections: new HostConnections(new Map(hosts.map((h) => [h.id, h]))),
      rocketmq: createRocketmqClient({ timeoutMs: 3_000 }),
    };
  },

  async runStep(resources, ctx) {
    const action = ctx.step.action as DeployAction;
    if (action === "verify") return verify(ctx, resources);
    if (!ctx.step.hostId) throw new StepFailure(message("jobLog.stepWithoutHost", { key: ctx.step.key }));
    const host = resources.connections.host(ctx.step.hostId);
    const session = await resources.connections.session(host.id);
    const input = { resources, host, session, nodes: resources.layouts.filter((n) => n.hostId === host.id) };
    switch (action) {
      case "preflight":
        return preflight(ctx, input);
      case "install":
        return install(ctx, input);
      case "configure":
        return configure(ctx, input);
      case "start-namesrv":
        return startNodes(ctx, input, "namesrv");
      case "start-brokers":
        return startNodes(ctx, input, "broker");
    }
    throw new StepFailure(message("jobLog.deploy.unknownAction", { action }));
  },

  async close(resources) {
    await resources.connections.closeAll();
    await resources.rocketmq.close();
  },

  /**
   * Only a verified deploy marks the revision deployed, and records the NameServers' JVM options beside it: node
   * operations start NameServers with them again.
   */
  async onSucceeded(job, tx) {
    const params = paramsOf(job);
    await markRevisionDeployed(tx, job, params.revisionNumber);
    if (job.clusterId)
      await tx.cluster.update({ where: { id: job.clusterId }, data: { deployedNameServerJvmOptions: params.nameServerJvmOptions } });
  },

  unchangedSummary: (job) => message("jobs.summary.deployUnchanged", { revision: paramsOf(job).revisionNumber }),
  changedSummary: (job, changed) => message("jobs.summary.deployChanged", { revision: paramsOf(job).revisionNumber, count: changed }),
};
