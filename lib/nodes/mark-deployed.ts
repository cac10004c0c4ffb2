import "server-only";
import { recordAudit } from "../audit";
import type { Job, Prisma } from "../db/generated/client";

/**
 * A job that brought the cluster to its revision (a deploy, or an apply by rolling restart) records it in the
 * transaction that marks the job succeeded: the cluster's deployed revision, and the audit entry.
 */
export async function markRevisionDeployed(tx: Prisma.TransactionClient, job: Job, revisionNumber: number, how?: string): Promise<void> {
  if (!job.clusterId || !job.revisionId) return;
  const cluster = await tx.cluster.update({
    where: { id: job.clusterId },
    data: { deployedRevisionId: job.revisionId, deployedAt: new Date() },
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
