import "server-only";
import { deployJob } from "../deploy/job";
import type { JobDefinition } from "./model";

/** Every kind of job a worker can run. */
export const JOB_DEFINITIONS: Record<string, JobDefinition> = {
  [deployJob.kind]: deployJob as JobDefinition,
};
