import "server-only";

// lib/jobs: the durable job engine. Jobs, steps and log lines live in Postgres; pg-boss hands job ids to
// workers (scripts/worker.ts); browsers follow a job over SSE (events.ts).
export type { JobDefinition, StepContext, StepOutcome, StepPlan } from "./model";
export {
  cancelJob,
  retryJob,
  getJob,
  listJobs,
  readLogLines,
  type JobWithSteps,
} from "./store";
export { createClusterJob } from "./create";
export { jobEventStream, type JobSnapshot } from "./events";
export { LogSink } from "./log-sink";
