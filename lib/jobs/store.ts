import "server-only";
import type { Actor } from "../audit";
import { recordAudit } from "../audit";
import { db } from "../db";
import { type Job, Prisma } from "../db/generated/client";
import { toJson } from "../db/json";
import { AppError, conflict, notFound } from "../errors";
import { type Message, message } from "../i18n/message";
import { english } from "../i18n/translate";
import { type StepPlan, RESUMABLE_JOB_STATES, titleOf } from "./model";
import { notifyJobChanged } from "./notify";
import { enqueueJob } from "./queue";

type Tx = Prisma.TransactionClient;

export interface NewJob {
  kind: string;
  title: string;
  /** The title in the reader's language; `title` holds its English. */
  titleMessage?: Message;
  clusterId?: string;
  revisionId?: string;
  params: Prisma.InputJsonValue;
  steps: StepPlan[];
}

/** Creates a job with its planned steps inside the caller's transaction; enqueue it after the commit. */
export async function insertJob(tx: Tx, actor: Actor | null, job: NewJob): Promise<Job> {
  const created = await tx.job.create({
    data: {
      kind: job.kind,
      title: job.title,
      titleMessage: messageColumn(job.titleMessage),
      clusterId: job.clusterId,
      revisionId: job.revisionId,
      params: job.params,
      createdById: actor?.id,
      steps: {
        create: job.steps.map((step, position) => ({
          key: step.key,
          stage: step.stage,
          position,
          action: step.action,
          title: step.title,
          titleMessage: messageColumn(step.titleMessage),
          hostId: step.hostId,
          hostName: step.hostName,
          params: step.params,
        })),
      },
    },
  });
  return created;
}

/** A message as its JSON column holds it; none is SQL NULL (a JSON column's null must be said so). */
export const messageColumn = (text: Message | string | undefined) =>
  text === undefined || typeof text === "string" ? Prisma.DbNull : toJson(text);

export async function getJob(id: string) {
  const job = await db.job.findUnique({
    where: { id },
    include: {
      steps: { orderBy: { position: "asc" } },
      cluster: { select: { id: true, name: true } },
      revision: { select: { number: true } },
      createdBy: { select: { username: true } },
      _count: { select: { logLines: true } },
    },
  });
  if (!job) throw notFound("job");
  return job;
}

export type JobWithSteps = Awaited<ReturnType<typeof getJob>>;

export async function listJobs(options: { clusterId?: string; take?: number } = {}) {
  return db.job.findMany({
    where: options.clusterId ? { clusterId: options.clusterId } : undefined,
    orderBy: { createdAt: "desc" },
    take: options.take ?? 100,
    include: {
      cluster: { select: { id: true, name: true } },
      revision: { select: { number: true } },
      createdBy: { select: { username: true } },
    },
  });
}

export async function readLogLines(jobId: string, afterSeq: number, take = 2000) {
  const lines = await db.jobLogLine.findMany({
    where: { jobId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take,
    select: { seq: true, stepId: true, stream: true, text: true, message: true, at: true },
  });
  // A command's own output has no message: its line is sent as it always was.
  return lines.map(({ message, ...line }) => (message === null ? line : { ...line, message }));
}

/** Appends one line outside a running job (cancel, retry, interrupt notes): the next seq after the stored ones. */
export async function appendJobNote(tx: Tx, jobId: string, note: Message): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "JobLogLine" ("jobId", seq, stream, text, message)
    SELECT ${jobId}, COALESCE(MAX(seq), 0) + 1, 'info', ${english(note)}, ${JSON.stringify(note)}::jsonb
    FROM "JobLogLine" WHERE "jobId" = ${jobId}`;
}

/**
 * Cancel: a queued or interrupted job is cancelled at once; a running one is flagged, and its worker aborts
 * the running commands (which stops them on the hosts) within a second.
 */
export async function cancelJob(actor: Actor, id: string) {
  await db.$transaction(async (tx) => {
    const job = await lockJob(tx, id);
    if (job.state === "running") {
      // No log line here: the running worker owns the job's sequence numbers and logs the cancel itself.
      await tx.job.update({ where: { id }, data: { cancelRequested: true } });
    } else if (job.state === "queued" || job.state === "interrupted") {
      await tx.job.update({ where: { id }, data: { state: "cancelled", finishedAt: new Date() } });
      await tx.jobStep.updateMany({
        where: { jobId: id, state: { in: ["pending", "running", "interrupted"] } },
        data: { state: "cancelled" },
      });
      await appendJobNote(tx, id, message("jobLog.cancelledBy", { user: actor.username }));
    } else {
      throw conflict(message("errors.jobs.cannotCancel", { state: job.state }));
    }
    await recordAudit(tx, actor, {
      action: "job.cancel",
      targetType: "job",
      targetId: id,
      targetName: job.title,
      before: { state: job.state },
    });
  });
  await notifyJobChanged(id);
}

/**
 * Retry (after a failure or cancel) and resume (after a worker died) are the same: finished steps stay done,
 * every other step runs again. Steps are idempotent, so re-running the one that was cut off is safe.
 */
export async function retryJob(actor: Actor, id: string) {
  const firstAgain = await db.$transaction(async (tx) => {
    const job = await lockJob(tx, id);
    if (!(RESUMABLE_JOB_STATES as readonly string[]).includes(job.state)) {
      throw conflict(message("errors.jobs.cannotRetry", { state: job.state }));
    }
    if (job.clusterId) await assertNoOtherActiveJob(tx, job.clusterId, id);
    const again = await tx.jobStep.findFirst({
      where: { jobId: id, state: { notIn: ["succeeded", "skipped"] } },
      orderBy: { position: "asc" },
    });
    await tx.jobStep.updateMany({
      where: { jobId: id, state: { notIn: ["succeeded", "skipped"] } },
      data: {
        state: "pending",
        startedAt: null,
        finishedAt: null,
        error: null,
        errorMessage: Prisma.DbNull,
        exitCode: null,
        progress: null,
      },
    });
    await tx.job.update({
      where: { id },
      data: {
        state: "queued",
        cancelRequested: false,
        error: null,
        errorMessage: Prisma.DbNull,
        finishedAt: null,
        summary: null,
        summaryMessage: Prisma.DbNull,
      },
    });
    const resumed = job.state === "interrupted";
    const note = again
      ? message(resumed ? "jobLog.resumedFrom" : "jobLog.retriedFrom", { user: actor.username, step: titleOf(again) })
      : message(resumed ? "jobLog.resumedBy" : "jobLog.retriedBy", { user: actor.username });
    await appendJobNote(tx, id, note);
    await recordAudit(tx, actor, {
      action: job.state === "interrupted" ? "job.resume" : "job.retry",
      targetType: "job",
      targetId: id,
      targetName: job.title,
      before: { state: job.state },
    });
    return again;
  });
  await enqueueJob(id);
  await notifyJobChanged(id);
  return { resumedFrom: firstAgain?.title ?? null };
}

/** One deploy (or other job) per cluster at a time: two would fight over the same processes. */
export async function assertNoOtherActiveJob(tx: Tx, clusterId: string, exceptJobId?: string) {
  const active = await tx.job.findFirst({
    where: { clusterId, state: { in: ["queued", "running"] }, id: exceptJobId ? { not: exceptJobId } : undefined },
    select: { id: true, title: true, titleMessage: true, state: true },
  });
  if (active) throw new AppError(message("errors.jobs.active", { title: titleOf(active), state: active.state }), 409, "job_active");
}

async function lockJob(tx: Tx, id: string) {
  await tx.$executeRaw`SELECT 1 FROM "Job" WHERE id = ${id} FOR UPDATE`;
  const job = await tx.job.findUnique({ where: { id } });
  if (!job) throw notFound("job");
  return job;
}
