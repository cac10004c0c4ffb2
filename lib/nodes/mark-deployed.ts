import "server-only";
import { recordAudit } from "../audit";
import { parseRevision } from "../clusters";
import type { Job, Prisma } from "../db/generated/client";

/**
 * A job that brought the cluster to its revision (a deploy, or an apply by rolling restart) records it in the
 * transaction that marks the job succeeded: the cluster's deployed revision and release, and the audit entry.
 */
export async function markRevisionDeployed(tx: Prisma.TransactionClient, job: Job, revisionNumber: number, how?: string): Promise<void> {
  if (!job.clusterId || !job.revisionId) return;
  // The cluster row names the release that runs (the cluster page, the version advisory): an upgrade changes it.
  const { spec } = parseRevision(await tx.clusterRevision.findUniqueOrThrow({ where: { id: job.revisionId } }));
  const cluster = await tx.cluster.update({
    where: { id: job.clusterId },
    data: { deployedRevisionId: job.revisionId, deployedAt: new Date(), rocketmqVersion: spec.cluster.rocketmqVersion },
  });
  const actor = job.createdById ? await tx.user.findUnique({ where: { id: job.createdById }, select: { id: true, username: true } }) : null;
  const after = { revision: revisionNumber, jobId: job.id, ...(how ? { by: how } : {}) };
  await recordAudit(tx, actor, {
    action: "cluster.deployed",
    targetType: "cluster",
    targetId: cluster.id,
    targetName: cluster.name,
    after,
  });
}
