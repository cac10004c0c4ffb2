import type { Job, JobStep, LogStream, Prisma } from "../db/generated/client";

// The job engine's vocabulary. A job kind (deploy, later restart) supplies its steps at creation and runs them
// one by one through a JobDefinition; the runner owns state, logs, cancellation and resumption.

/** One step as planned: per host and per action, or cluster-wide (no host). Steps of one stage run in parallel. */
export interface StepPlan {
  key: string;
  stage: number;
  action: string;
  title: string;
  hostId?: string;
  hostName?: string;
  /** What the step acts on, beyond its host; the job kind parses it with its own schema. */
  params?: Prisma.InputJsonObject;
}

export interface StepContext {
  job: Job;
  step: JobStep;
  /** Aborted when the operator cancels: pass it to every remote command. */
  signal: AbortSignal;
  /** One or more lines into the job's log, attributed to this step. */
  log: (text: string, stream?: LogStream) => void;
  /** A line writer for streamed command output: splits chunks into lines, keeps a partial line until its newline. */
  stream: (stream: "stdout" | "stderr") => LineWriter;
  /** 0..1 for long transfers; written at most a few times a second. */
  progress: (fraction: number) => void;
}

export interface LineWriter {
  write: (chunk: string) => void;
  end: () => void;
}

export interface StepOutcome {
  /** false when the host was already as desired (a re-run of a healthy deploy changes nothing); null for pure checks. */
  changed: boolean | null;
  exitCode?: number | null;
  detail?: unknown;
}

/** What one kind of job does with its steps. `open` runs once per run of the job (first run, retry, resume). */
export interface JobDefinition<Resources = unknown> {
  kind: string;
  open: (job: Job) => Promise<Resources>;
  runStep: (resources: Resources, context: StepContext) => Promise<StepOutcome>;
  close: (resources: Resources) => Promise<void>;
  /** Runs in the transaction that marks the job succeeded (e.g. "this revision is deployed"). */
  onSucceeded?: (job: Job, tx: import("../db/generated/client").Prisma.TransactionClient) => Promise<void>;
  /** One line for the job when no step changed anything. */
  unchangedSummary?: (job: Job) => string;
  changedSummary?: (job: Job, changedSteps: number) => string;
}

/** Steps in these states are done for good: a retry or resume starts after them. */
export const FINISHED_STEP_STATES = ["succeeded", "skipped"] as const;
/** A job in one of these states can be retried (failed, cancelled) or resumed (interrupted). */
export const RESUMABLE_JOB_STATES = ["failed", "cancelled", "interrupted"] as const;

/** A step failure whose message is for the operator (what failed on which host, and what to do). */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null = null,
  ) {
    super(message);
    this.name = "StepFailure";
  }
}
