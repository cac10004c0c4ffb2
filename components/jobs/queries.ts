import type { z } from "zod";
import type { previewDeploy } from "@/lib/deploy";
import type { deployRequestSchema } from "@/lib/deploy/schema";
import { api, type Serialized } from "../api";

// The jobs API as the browser calls it: the deploy's plan and job, and a job's cancel and retry.

/** What the deploy panel sends; the server fills in what is left out. */
export type DeployInput = z.input<typeof deployRequestSchema>;
export type DeployPreview = Serialized<Awaited<ReturnType<typeof previewDeploy>>>;
/** What every route that starts a job answers. */
export interface CreatedJob {
  jobId: string;
}

export const jobKeys = {
  // Fed by the job's stream only: nothing fetches them, so an invalidation of ["jobs"] leaves them alone.
  snapshot: (jobId: string) => ["jobs", jobId, "snapshot"] as const,
  log: (jobId: string) => ["jobs", jobId, "log"] as const,
  /** `attempt` counts "Update plan" clicks: each one plans again, even when nothing changed. */
  deployPreview: (clusterId: string, request: DeployInput | null, attempt: number) =>
    ["jobs", "deploy-preview", clusterId, request, attempt] as const,
};

export const fetchDeployPreview = (request: DeployInput) => api<DeployPreview>("/api/jobs/preview", { method: "POST", body: request });
export const startDeploy = (request: DeployInput) => api<CreatedJob>("/api/jobs", { method: "POST", body: { kind: "deploy", ...request } });

export const cancelJob = (id: string) => api(`/api/jobs/${id}/cancel`, { method: "POST" });
export const retryJob = (id: string) => api(`/api/jobs/${id}/retry`, { method: "POST" });
/** Ends a decommission step's wait for its consumers to drain (audited); 409 when it no longer waits. */
export const stopWaiting = (jobId: string, stepKey: string) =>
  api(`/api/jobs/${jobId}/steps/${encodeURIComponent(stepKey)}/stop-waiting`, { method: "POST" });
