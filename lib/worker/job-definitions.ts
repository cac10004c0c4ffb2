import "server-only";
import { deployJob } from "../deploy/job";
import { operationJobs } from "../operations/job";
import type { JobDefinition } from "../jobs/model";

/**
 * Every kind of job a worker can run: the registry lives here, where workers are put together, so the job engine
 * (lib/jobs) knows no job kinds and each kind (lib/deploy, lib/operations) knows no other.
 */
export const JOB_DEFINITIONS: Record<string, JobDefinition> = Object.fromEntries(
  [deployJob, ...operationJobs].map((definition) => [definition.kind, definition as JobDefinition]),
);
