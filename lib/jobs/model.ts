import type { Job, JobStep, LogStream, Prisma } from "../db/generated/client";
import { type Message, storedMessage } from "../i18n/message";
import { english } from "../i18n/translate";

// The job engine's vocabulary. A job kind (deploy, later restart) supplies its steps at creation and runs them
// one by one through a JobDefinition; the runner owns state, logs, cancellation and resumption.

/** One step as planned: per host and per action, or cluster-wide (no host). Steps of one stage run in parallel. */
export interface StepPlan {
  key: string;
  stage: number;
  action: string;
  title: string;
  /** The title in the reader's language; `title` holds its English. */
  titleMessage?: Message;
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
  /** A line the panel writes (a message), or another program's output as it is (a string, maybe several lines). */
  log: (text: Message | string, stream?: LogStream) => void;
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
  unchangedSummary?: (job: Job) => Message;
  changedSummary?: (job: Job, changedSteps: number) => Message;
}

/** Steps in these states are done for good: a retry or resume starts after them. */
export const FINISHED_STEP_STATES = ["succeeded", "skipped"] as const;
/** A job in one of these states can be retried (failed, cancelled) or resumed (interrupted). */
export const RESUMABLE_JOB_STATES = ["failed", "cancelled", "interrupted"] as const;

/** A title as plans and the API carry it: its English, and the message itself for the reader's language. */
export const titled = (text: Message) => ({ title: english(text), titleMessage: text });

/** A job's or step's title inside another message. */
export const titleOf = (row: { title: string; titleMessage: Prisma.JsonValue }) => storedMessage(row.titleMessage, row.title);

/**
 * A failure whose message is for the operator (what failed on which host, and what to do): a Message, or a string
 * when the words are another program's. Its `message` is the English.
 */
export class StepFailure extends Error {
  readonly text: Message | null;

  constructor(
    message: Message | string,
    readonly exitCode: number | null = null,
  ) {
    super(english(message));
    this.text = typeof message === "string" ? null : message;
    this.name = "StepFailure";
  }
}

/** What an error says: the panel's message when it wrote one, else the error's own words. */
export function errorText(error: unknown): Message | string {
  if (error instanceof StepFailure && error.text) return error.text;
  return error instanceof Error ? error.message : String(error);
}
