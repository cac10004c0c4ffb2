import "server-only";
import { db } from "../db";
import { type Job, type JobStep, type LogStream, Prisma } from "../db/generated/client";
import { toJson } from "../db/json";
import { type Message, message, storedMessage } from "../i18n/message";
import { english } from "../i18n/translate";
import { LogSink, lineSplitter } from "./log-sink";
import { type JobDefinition, type StepContext, type StepOutcome, FINISHED_STEP_STATES, StepFailure, errorText, titleOf } from "./model";
import { notifyJobChanged } from "./notify";
import { messageColumn } from "./store";

const HEARTBEAT_MS = 1_000;
const PROGRESS_MIN_INTERVAL_MS = 250;

type StopReason = "cancel" | "shutdown" | "lost";

interface Run {
  job: Job;
  workerId: string;
  definition: JobDefinition;
  resources: unknown;
  sink: LogSink;
  controller: AbortController;
  stopReason: () => StopReason | null;
}

export interface RunOptions {
  workerId: string;
  definitions: Record<string, JobDefinition>;
  /** Aborted when the worker shuts down: the job becomes interrupted, to be resumed later. */
  shutdown?: AbortSignal;
}

/** Runs (or resumes) one job to its end. Returns without doing anything if another worker claimed it. */
export async function runJob(jobId: string, options: RunOptions): Promise<void> {
  const claimed = await db.job.updateMany({
    where: { id: jobId, state: "queued" },
    data: { state: "running", workerId: options.workerId, heartbeatAt: new Date(), cancelRequested: false, attempt: { increment: 1 } },
  });
  if (claimed.count === 0) return;
  await db.job.updateMany({ where: { id: jobId, startedAt: null }, data: { startedAt: new Date() } });
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const sink = await LogSink.open(jobId);
  const controller = new AbortController();
  let stopReason: StopReason | null = null;
  const stop = (reason: StopReason) => {
    if (stopReason) return;
    stopReason = reason;
    controller.abort(reason);
  };
  const onShutdown = () => stop("shutdown");
  options.shutdown?.addEventListener("abort", onShutdown, { once: true });
  const heartbeat = startHeartbeat(job.id, options.workerId, sink, stop, () => stopReason !== null);
  await notifyJobChanged(jobId);
  try {
    const definition = options.definitions[job.kind];
    if (!definition) throw new StepFailure(message("jobLog.unknownKind", { kind: job.kind }));
    sink.write(null, "info", message("jobLog.runStarted", { attempt: job.attempt, worker: options.workerId }));
    const resources = await definition.open(job);
    const run: Run = { job, workerId: options.workerId, definition, resources, sink, controller, stopReason: () => stopReason };
    try {
      await finish(run, await runStages(run));
    } finally {
      await definition.close(resources).catch((error) => console.error(`[jobs] closing job ${job.id} failed:`, error));
    }
  } catch (error) {
    const reason = errorText(error);
    sink.write(null, "stderr", message("jobLog.couldNotRun", { error: reason }));
    await sink.flush();
    await db.job.updateMany({
      where: { id: jobId, workerId: options.workerId, state: "running" },
      data: { state: "failed", finishedAt: new Date(), ...errorColumns(reason) },
    });
  } finally {
    clearInterval(heartbeat);
    options.shutdown?.removeEventListener("abort", onShutdown);
    await sink.close().catch((error) => console.error(`[jobs] writing the log of job ${jobId} failed:`, error));
    await notifyJobChanged(jobId);
  }
}

/** Every second: proves the worker is alive, and picks up a cancel request (or the loss of the job). */
function startHeartbeat(
  jobId: string,
  workerId: string,
  sink: LogSink,
  stop: (reason: StopReason) => void,
  stopped: () => boolean,
): NodeJS.Timeout {
  return setInterval(async () => {
    try {
      const rows = await db.$queryRaw<{ cancelRequested: boolean }[]>`
        UPDATE "Job" SET "heartbeatAt" = (now() AT TIME ZONE 'UTC')
        WHERE id = ${jobId} AND "workerId" = ${workerId} AND state = 'running'
        RETURNING "cancelRequested"`;
      if (stopped()) return;
      if (rows.length === 0) stop("lost");
      else if (rows[0].cancelRequested) {
        sink.write(null, "info", message("jobLog.cancelRequested"));
        stop("cancel");
      }
    } catch (error) {
      console.error(`[jobs] heartbeat of job ${jobId} failed:`, error);
    }
  }, HEARTBEAT_MS);
}

interface StagesResult {
  failed: JobStep | null;
  changedSteps: number;
}

async function runStages(run: Run): Promise<StagesResult> {
  const steps = await db.jobStep.findMany({ where: { jobId: run.job.id }, orderBy: { position: "asc" } });
  const stages = [...new Set(steps.map((s) => s.stage))].sort((a, b) => a - b);
  let changedSteps = steps.filter((s) => s.state === "succeeded" && s.changed).length;
  for (const stage of stages) {
    if (run.controller.signal.aborted) break;
    const todo = steps.filter((s) => s.stage === stage && !(FINISHED_STEP_STATES as readonly string[]).includes(s.state));
    const results = await Promise.all(todo.map((step) => runStep(run, step)));
    changedSteps += results.filter((r) => r.ok && r.changed).length;
    const failed = todo.find((_, i) => !results[i].ok);
    if (failed) return { failed, changedSteps };
  }
  return { failed: null, changedSteps };
}

async function runStep(run: Run, step: JobStep): Promise<{ ok: boolean; changed: boolean }> {
  const started = new Date();
  const title = titleOf(step);
  await updateStep(run, step.id, {
    state: "running",
    startedAt: started,
    finishedAt: null,
    error: null,
    errorMessage: Prisma.DbNull,
    exitCode: null,
  });
  const writers: ReturnType<typeof lineSplitter>[] = [];
  let lastProgressAt = 0;
  const context: StepContext = {
    job: run.job,
    step,
    signal: run.controller.signal,
    log: (text, stream: LogStream = "info") => run.sink.writeLines(step.id, stream, text),
    stream: (stream) => {
      const writer = lineSplitter((line) => run.sink.write(step.id, stream, line));
      writers.push(writer);
      return writer;
    },
    progress: (fraction) => {
      const now = Date.now();
      if (now - lastProgressAt < PROGRESS_MIN_INTERVAL_MS && fraction < 1) return;
      lastProgressAt = now;
      void updateStep(run, step.id, { progress: Math.max(0, Math.min(1, fraction)) }).catch(() => undefined);
    },
  };
  try {
    const outcome: StepOutcome = await run.definition.runStep(run.resources, context);
    for (const w of writers) w.end();
    const seconds = ((Date.now() - started.getTime()) / 1000).toFixed(1);
    const verdict = outcome.changed === null ? "passed" : outcome.changed ? "changed" : "unchanged";
    run.sink.write(step.id, "info", message("jobLog.stepSucceeded", { step: title, verdict, seconds }));
    await updateStep(run, step.id, {
      state: "succeeded",
      finishedAt: new Date(),
      changed: outcome.changed,
      exitCode: outcome.exitCode ?? null,
      detail: outcome.detail === undefined ? undefined : toJson(outcome.detail),
    });
    return { ok: true, changed: outcome.changed === true };
  } catch (error) {
    for (const w of writers) w.end();
    const reason = run.stopReason();
    const failure = errorText(error);
    if (!(error instanceof Error) || error.name === "TypeError" || error.name === "ReferenceError")
      console.error(`[jobs] step ${step.key} crashed:`, error);
    const state = reason === "cancel" ? "cancelled" : reason === "shutdown" ? "interrupted" : "failed";
    run.sink.write(step.id, "stderr", message("jobLog.stepFailed", { step: title, error: failure }));
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    await updateStep(run, step.id, {
      state,
      finishedAt: new Date(),
      ...errorColumns(failure),
      exitCode: typeof exitCode === "number" ? exitCode : null,
    });
    return { ok: false, changed: false };
  }
}

async function updateStep(run: Run, stepId: string, data: Prisma.JobStepUpdateManyMutationInput): Promise<void> {
  // Only while this worker still owns the job: a worker declared dead must not overwrite its successor's work.
  const owned = await db.jobStep.updateMany({ where: { id: stepId, job: { workerId: run.workerId, state: "running" } }, data });
  if (owned.count > 0) await notifyJobChanged(run.job.id);
}

async function finish(run: Run, result: StagesResult): Promise<void> {
  const { job, definition, workerId } = run;
  const reason = run.stopReason();
  const owner = { id: job.id, workerId, state: "running" as const };
  if (reason === "lost") {
    console.error(`[jobs] job ${job.id} was taken from worker ${workerId} (declared dead); its results are not recorded.`);
    return;
  }
  // The last lines are stored before the state changes: a browser that sees the job end has every line.
  if (reason === "cancel" || reason === "shutdown") {
    const state = reason === "cancel" ? "cancelled" : "interrupted";
    run.sink.write(null, "info", message(reason === "cancel" ? "jobLog.jobCancelled" : "jobLog.jobInterrupted"));
    await run.sink.flush();
    await db.$transaction([
      db.jobStep.updateMany({
        where: { jobId: job.id, state: { in: reason === "cancel" ? ["pending", "running"] : ["running"] } },
        data: { state },
      }),
      db.job.updateMany({
        where: owner,
        data: {
          state,
          finishedAt: new Date(),
          ...errorColumns(message(reason === "cancel" ? "jobs.error.cancelled" : "jobs.error.interrupted")),
        },
      }),
    ]);
    return;
  }
  if (result.failed) {
    const step = await db.jobStep.findUniqueOrThrow({ where: { id: result.failed.id } });
    const title = titleOf(step);
    const stepError = step.error === null ? message("jobs.error.failed") : storedMessage(step.errorMessage, step.error);
    run.sink.write(null, "stderr", message("jobLog.jobFailed", { step: title }));
    await run.sink.flush();
    await db.job.updateMany({
      where: owner,
      data: {
        state: "failed",
        finishedAt: new Date(),
        ...errorColumns(message("jobs.error.stepFailed", { step: title, error: stepError })),
      },
    });
    return;
  }
  const summary =
    result.changedSteps === 0
      ? (definition.unchangedSummary?.(job) ?? message("jobs.summary.unchanged"))
      : (definition.changedSummary?.(job, result.changedSteps) ?? message("jobs.summary.changed", { count: result.changedSteps }));
  run.sink.write(null, "info", summary);
  await run.sink.flush();
  await db.$transaction(async (tx) => {
    const done = await tx.job.updateMany({
      where: owner,
      data: { state: "succeeded", finishedAt: new Date(), summary: english(summary), summaryMessage: messageColumn(summary) },
    });
    if (done.count > 0) await definition.onSucceeded?.(job, tx);
  });
}

/** An error's two columns: its English, and the message itself when the panel wrote one. */
const errorColumns = (error: Message | string) => ({
  error: english(error),
  errorMessage: messageColumn(error),
});
