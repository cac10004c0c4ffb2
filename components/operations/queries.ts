import type { OperationPlan, OperationRequest } from "@/lib/operations/schema";
import { api } from "../api";
import type { CreatedJob } from "../jobs/queries";

// The operations API as the browser calls it: an operation's plan, then its job.

export const operationKeys = {
  preview: (clusterId: string, request: OperationRequest) => ["operations", clusterId, "preview", request] as const,
};

export const fetchOperationPreview = (clusterId: string, request: OperationRequest) =>
  api<OperationPlan>(`/api/clusters/${clusterId}/operations/preview`, { method: "POST", body: request });
export const startOperation = (clusterId: string, request: OperationRequest) =>
  api<CreatedJob>(`/api/clusters/${clusterId}/operations`, { method: "POST", body: request });
/** Saves a revision that changes only the release (the desired revision from then on); its apply plan comes next. */
export const createUpgradeRevision = (clusterId: string, version: string) =>
  api<{ revision: number }>(`/api/clusters/${clusterId}/upgrade`, { method: "POST", body: { version } });
