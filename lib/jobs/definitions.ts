import "server-only";
import { deployJob } from "../deploy/job";
import { operationJobs } from "../operations/job";
import type { JobDefinition } from "./model";

/** Every kind of job a worker can run. */
export const JOB_DEFINITIONS: Record<string, JobDefinition> = Object.fromEntries(
  [deployJob, ...operationJobs].map((definition) => [definition.kind, definition as JobDefinition]),
);
