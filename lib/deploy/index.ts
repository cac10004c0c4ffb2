import "server-only";

// lib/deploy: a saved cluster revision becomes running processes (plan.ts is pure; steps/ do the I/O).
export { createDeployJob, previewDeploy } from "./create";

export type { DeployPlan, HostPlan } from "./plan";
