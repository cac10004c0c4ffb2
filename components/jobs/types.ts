import type { Serialized } from "../api";
import type { JobSnapshot, JobWithSteps } from "@/lib/jobs";
import type { Message } from "@/lib/i18n/message";

// Types of what the job API and stream send, as the browser receives them (dates as strings).
export type JobData = Serialized<JobWithSteps>;
export type JobStepData = Serialized<JobSnapshot["steps"][number]>;
export type SnapshotData = Serialized<JobSnapshot>;

export interface LogLineData {
  seq: number;
  stepId: string | null;
  stream: "stdout" | "stderr" | "info";
  text: string;
  /** The line the panel wrote, for the reader's language; absent on a command's own output. */
  message?: Message;
  at: string;
}

export const STATE_TONES = {
  queued: "neutral",
  pending: "neutral",
  running: "info",
  succeeded: "good",
  skipped: "neutral",
  failed: "bad",
  cancelled: "warn",
  interrupted: "warn",
} as const;

export const TERMINAL_STATES = ["succeeded", "failed", "cancelled", "interrupted"];
