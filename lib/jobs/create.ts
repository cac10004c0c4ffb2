import "server-only";
import { type Actor, recordAudit } from "../audit";
import { db } from "../db";
import { toJson } from "../db/json";
import type { Message } from "../i18n/message";
import type { StepPlan } from "./model";
import { enqueueJob } from "./queue";
import { assertNoOtherActiveJob, insertJob } from "./store";

export interface NewClusterJob {
  cluster: { id: string; name: string };
  /** The revision whose files the job's processes run with. */
  revision: { id: string };
  kind: string;
  title: string;
  /** The title in the reader's language; `title` holds its English. */
  titleMessage?: Message;
  /** Stored as the job's params; the job kind parses them with its schema when the job is opened. */
  params: unknown;
  steps: StepPlan[];
  /** The cluster's audit entry; the new job's id is added to `after`. */
  audit: { action: string; after: Record<string, unknown> };
}

/**
 * Creates a job on a cluster and queues it. The cluster's row lock makes "no other active job" hold between two
 * concurrent requests; the audit entry is written in the same transaction, and the job is queued only once committed.
 */
export async function createClusterJob(actor: Actor, job: NewClusterJob): Promise<{ jobId: string }> {
  const created = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Cluster" WHERE id = ${job.cluster.id} FOR UPDATE`;
    await assertNoOtherActiveJob(tx, job.cluster.id);
    const inserted = await insertJob(tx, actor, {
      kind: job.kind,
      title: job.title,
      titleMessage: job.titleMessage,
      clusterId: job.cluster.id,
      revisionId: job.revision.id,
      params: toJson(job.params),
      steps: job.steps,
    });
    await recordAudit(tx, actor, {
      action: job.audit.action,
      targetType: "cluster",
      targetId: job.cluster.id,
      targetName: job.cluster.name,
      after: { ...job.audit.after, jobId: inserted.id },
    });
    return inserted;
  });
  await enqueueJob(created.id);
  return { jobId: created.id };
}
