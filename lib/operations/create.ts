import "server-only";
import type { SessionUser } from "../auth/session";
import { db } from "../db";
import { loadRevision, parseRevision, type Revision } from "../clusters";
import { DEFAULT_NAMESERVER_JVM_OPTIONS } from "../nodes/schema";
import { AppError, conflict, notFound } from "../errors";
import { message } from "../i18n/message";
import { english } from "../i18n/translate";
import { createClusterJob } from "../jobs";
import { titled } from "../jobs/model";
import { readDrift } from "../nodes/drift";
import { readSnapshotText } from "../topology/store";
import type { TopologySnapshot } from "../topology/model";
import { nodeLayouts } from "../nodes/layout";
import { createRocketmqClient } from "../rocketmq";
import { liveClusterView } from "./live-group";
import { type ClusterView, OperationPlanError, planOperation, type RevisionFiles, snapshotView } from "./plan";
import { stepTitle } from "./plan-nodes";
import type { OperationParams, OperationRequest } from "./schema";

const revisionFiles = (revision: Revision): RevisionFiles & { id: string } => ({
  id: revision.id,
  number: revision.number,
  spec: revision.spec,
  files: revision.files,
  lintErrors: revision.lint.counts.error,
});

/** The cluster, what runs on its hosts, and the dashboard's latest view of it: everything a plan is made from. */
async function prepare(clusterId: string, request: OperationRequest) {
  const cluster = await db.cluster.findUnique({
    where: { id: clusterId },
    include: { deployedRevision: true, attached: { select: { clusterId: true } } },
  });
  if (!cluster) throw notFound("cluster");
  if (!cluster.deployedRevision) {
    const why = cluster.attached ? "errors.operations.notDeployedAttached" : "errors.operations.notDeployed";
    throw new AppError(message(why, { cluster: cluster.name }), 422, "not_deployed");
  }
  const deployed = revisionFiles(parseRevision(cluster.deployedRevision));
  let next: (RevisionFiles & { id: string }) | undefined;
  if (request.action === "apply") {
    next = revisionFiles(await loadRevision({ clusterId, number: request.revision }));
  }
  // What the hosts really run (a node stopped or restarted behind the panel's back) is part of an apply's plan.
  const drift = request.action === "apply" ? await readDrift(clusterId) : null;
  // The NameServers run with the JVM options their last successful deploy gave them (the revision sizes brokers only).
  const nameServerJvmOptions = cluster.deployedNameServerJvmOptions ?? DEFAULT_NAMESERVER_JVM_OPTIONS;
  const view = await currentView(clusterId, deployed, nameServerJvmOptions);
  try {
    const planned = planOperation({ request, deployed, next, nameServerJvmOptions, view, drift });
    return { cluster, deployed, revision: next ?? deployed, nameServerJvmOptions, planned };
  } catch (error) {
    if (error instanceof OperationPlanError) throw new AppError(message("errors.verbatim", { text: error.message }), 422, "plan");
    throw error;
  }
}

// The dashboard's snapshot when the worker refreshed it lately; older than this, the nodes are asked directly.
const SNAPSHOT_FRESH_MS = 15_000;

/** What runs now: the dashboard's snapshot while fresh, else the nodes' own answers (a second at most). */
async function currentView(clusterId: string, deployed: RevisionFiles, nameServerJvmOptions: string): Promise<ClusterView> {
  const text = await readSnapshotText(clusterId);
  const snapshot = text ? (JSON.parse(text) as TopologySnapshot) : null;
  const now = Date.now();
  if (snapshot && now - snapshot.generatedAt < SNAPSHOT_FRESH_MS) return snapshotView(snapshot, now);
  const rocketmq = createRocketmqClient({ timeoutMs: 1_500 });
  try {
    return await liveClusterView(rocketmq, deployed.spec, nodeLayouts(deployed.spec, deployed.files, nameServerJvmOptions));
  } finally {
    await rocketmq.close();
  }
}

/** The plan for the confirmation dialog: nodes in order, roles, warnings, a refusal; creates nothing. */
export async function previewOperation(clusterId: string, request: OperationRequest) {
  return (await prepare(clusterId, request)).planned.plan;
}

/**
 * Creates the job (one active job per cluster) after the same checks the preview made; a refusal is a 409 unless
 * an admin forces a forceable one. Deleting a decommissioned group's data is an admin's too; without a decommission
 * there is nothing to delete and the flag is dropped. The audit entry is written in the same transaction.
 */
export async function createOperationJob(user: SessionUser, clusterId: string, asked: OperationRequest): Promise<{ jobId: string }> {
  if (asked.force && user.role !== "admin")
    throw new AppError(message("errors.operations.forceNeedsAdmin", { role: user.role }), 403, "forbidden");
  const { cluster, deployed, revision, nameServerJvmOptions, planned } = await prepare(clusterId, asked);
  const { plan, targets } = planned;
  const decommissions = plan.steps.some((s) => s.action === "decommission");
  const request = asked.action === "apply" ? { ...asked, deleteData: asked.deleteData && decommissions } : asked;
  if (request.action === "apply" && request.deleteData && user.role !== "admin")
    throw new AppError(message("reconcile.errors.deleteDataNeedsAdmin", { role: user.role }), 403, "forbidden");
  if (plan.refusal && !(request.force && plan.refusal.forceable))
    throw conflict(message("errors.operations.refused", { reason: plan.refusalMessage ?? plan.refusal.message }));
  const params: OperationParams = {
    request,
    revisionNumber: revision.number,
    nameServerJvmOptions,
    rolling: targets.filter((t) => "process" in t.params).length > 1,
    ...(request.action === "apply" ? { fromRevisionNumber: deployed.number } : {}),
  };
  const version = revision.spec.cluster.rocketmqVersion;
  return createClusterJob(user, {
    cluster,
    revision,
    kind: request.action,
    title: plan.title,
    titleMessage: plan.titleMessage,
    params,
    steps: plan.steps.map((step, stage) => ({
      key: step.key,
      stage,
      action: step.action,
      ...titled(stepTitle(step, version)),
      hostId: targets[stage].hostId ?? undefined,
      hostName: step.hostName ?? undefined,
      params: targets[stage].params,
    })),
    audit: {
      action: `cluster.${request.action}`,
      after: {
        operation: plan.title,
        steps: plan.steps.map((s) => `${s.action} ${s.label}`),
        ...(plan.changes ? { changes: plan.changes.map((c) => english(c.text)) } : {}),
        force: request.force,
        ...(request.action === "apply" ? { deleteData: request.deleteData, fromRevision: deployed.number } : {}),
        revision: revision.number,
      },
    },
  });
}
