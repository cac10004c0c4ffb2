import "server-only";
import { z } from "zod";
import { type Actor, recordAudit } from "../audit";
import { db } from "../db";
import type { Job, JobStep } from "../db/generated/client";
import { AppError, conflict, notFound } from "../errors";
import { message } from "../i18n/message";
import { titleOf } from "../jobs/model";
import { notifyJobChanged } from "../jobs/notify";
import { says } from "../i18n/schema";
import { idSchema } from "../schema";

// "Stop waiting": an operator ends a decommission's drain before every consumer group has read the group empty.
// The step reports the drain's progress (0 ≤ progress < 1) only while it waits for it, and 1 once the drain is
// over, so a step with progress in [0, 1) is the one waiting. The web process writes the request; the worker's
// drain loop reads it (readStopWaiting) and goes on, naming who stopped waiting.

/** The path of one step of a job: its id and the step's key ("decommission:suzhou2@broker"). */
export const stepParams = z.object({
  id: idSchema,
  key: z.string().min(1, says("validation.scale.stepKey")).max(600, says("validation.scale.stepKey")),
});

/** A decommission step of a running job that is in its drain wait, not yet told to stop waiting. */
export function isDraining(job: Pick<Job, "state">, step: Pick<JobStep, "state" | "action" | "progress" | "stopWaitingAt">): boolean {
  return (
    job.state === "running" &&
    step.state === "running" &&
    step.action === "decommission" &&
    step.progress !== null &&
    step.progress < 1 &&
    step.stopWaitingAt === null
  );
}

/** Records the operator's "stop waiting" on the step, audited in the same transaction; 409 when it is not waiting. */
export async function stopWaiting(actor: Actor, jobId: string, stepKey: string): Promise<void> {
  await db.$transaction(async (tx) => {
    // The job's row lock orders this against cancel and retry, which take it too.
    await tx.$executeRaw`SELECT 1 FROM "Job" WHERE id = ${jobId} FOR UPDATE`;
    const job = await tx.job.findUnique({ where: { id: jobId }, include: { steps: { where: { key: stepKey } } } });
    if (!job) throw notFound("job");
    const step = job.steps[0];
    if (!step) throw new AppError(message("scale.stopWaiting.noStep", { step: stepKey }), 404, "not_found");
    if (!isDraining(job, step)) throw conflict(message("scale.stopWaiting.notWaiting", { step: titleOf(step) }));
    await tx.jobStep.update({ where: { id: step.id }, data: { stopWaitingAt: new Date(), stopWaitingById: actor.id } });
    await recordAudit(tx, actor, {
      action: "job.stopWaiting",
      targetType: "job",
      targetId: jobId,
      targetName: job.title,
      after: { step: step.key, title: step.title },
    });
  });
  await notifyJobChanged(jobId);
}

/** Who told this step to stop waiting, and when; null while nobody did. */
export async function readStopWaiting(stepId: string): Promise<{ at: Date; by: string } | null> {
  const step = await db.jobStep.findUnique({
    where: { id: stepId },
    select: { stopWaitingAt: true, stopWaitingBy: { select: { username: true } } },
  });
  if (!step?.stopWaitingAt) return null;
  return { at: step.stopWaitingAt, by: step.stopWaitingBy?.username ?? "?" };
}

/** A drain starting (again, on a retry) forgets an earlier run's request. */
export async function clearStopWaiting(stepId: string): Promise<void> {
  await db.jobStep.update({ where: { id: stepId }, data: { stopWaitingAt: null, stopWaitingById: null } });
}
