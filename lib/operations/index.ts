import "server-only";

// lib/operations: one node's restart, stop or start, rolling restarts of a group or the cluster, and applying a new
// revision's config by rolling restart. plan.ts and safety.ts are pure; the job (job.ts) judges again from live
// DLedger and NameServer answers before it touches each process.
export { createOperationJob, previewOperation } from "./create";
