import "server-only";

// lib/deploy: a saved cluster revision becomes running processes (plan.ts is pure; steps/ do the I/O).
export { createDeployJob, previewDeploy } from "./create";
export { deployJob } from "./job";
export { buildDeployPlan, DEPLOY_STAGES, type DeployPlan, type HostPlan } from "./plan";
