import "server-only";
import { db } from "../db";
import { refreshDrift } from "../nodes/drift";

// A job that ended (succeeded, failed or was cancelled) may have changed what the cluster's hosts run: their drift
// is read again. An interrupted job is resumed by the next worker, which reads it when that run ends.
const ENDED = new Set(["succeeded", "failed", "cancelled"]);

export async function refreshDriftAfterJob(jobId: string): Promise<void> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { clusterId: true, state: true } });
  if (job?.clusterId && ENDED.has(job.state)) await refreshDrift(job.clusterId);
}
