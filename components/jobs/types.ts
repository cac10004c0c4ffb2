import type { Serialized } from "../api";
import type { JobSnapshot, JobWithSteps } from "@/lib/jobs";

// Types of what the job API and stream send, as the browser receives them (dates as strings).
export type JobData = Serialized<JobWithSteps>;
export type JobStepData = Serialized<JobSnapshot["steps"][number]>;
export type SnapshotData = Serialized<JobSnapshot>;

export interface LogLineData {
  seq: number;
  stepId: string | null;
  stream: "stdout" | "stderr" | "info";
  text: string;
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

export function formatDuration(fromIso: string | null, toIso: string | null, now = Date.now()): string {
  if (!fromIso) return "";
  const ms = (toIso ? Date.parse(toIso) : now) - Date.parse(fromIso);
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
