import type { listClusters } from "@/lib/clusters/clusters";
import type { listRevisions } from "@/lib/clusters/revisions";
import type { CreateClusterInput, ImportClustersInput } from "@/lib/clusters/schema";
import type { ClusterDraft, FileDiff } from "@/lib/design";
import type { ClusterDrift } from "@/lib/nodes/drift/schema";
import type { AttachClusterInput } from "@/lib/topology/schema";
import { api, type Serialized } from "../api";

// The clusters API as the browser calls it: the list, new clusters (blank, imported, attached), the wizard's
// draft and its revisions.

export type ClusterRow = Serialized<Awaited<ReturnType<typeof listClusters>>[number]>;
export type RevisionRow = Serialized<Awaited<ReturnType<typeof listRevisions>>[number]>;
/** What every route that creates a cluster answers (with more, which the pages do not need). */
interface CreatedCluster {
  id: string;
}

export const clusterKeys = {
  /** The list, and the prefix of every query about one cluster. */
  all: ["clusters"] as const,
  revisions: (clusterId: string) => ["clusters", clusterId, "revisions"] as const,
  compare: (clusterId: string, from: number | "", to: number | "") => ["clusters", clusterId, "compare", from, to] as const,
  drift: (clusterId: string) => ["clusters", clusterId, "drift"] as const,
};

export const fetchClusters = () => api<ClusterRow[]>("/api/clusters");
export const createCluster = (input: CreateClusterInput) => api<CreatedCluster>("/api/clusters", { method: "POST", body: input });
export const importCluster = (input: ImportClustersInput) => api<CreatedCluster>("/api/clusters/import", { method: "POST", body: input });
export const attachCluster = (input: AttachClusterInput) => api<CreatedCluster>("/api/clusters/attach", { method: "POST", body: input });

export const saveDraft = (clusterId: string, draft: ClusterDraft, step: number) =>
  api<{ draft: ClusterDraft; step: number }>(`/api/clusters/${clusterId}/draft`, { method: "PUT", body: { draft, step } });
export const saveRevision = (clusterId: string, input: { note: string; markDesired: boolean }) =>
  api<{ number: number }>(`/api/clusters/${clusterId}/revisions`, { method: "POST", body: input });

export const fetchRevisions = (clusterId: string) => api<RevisionRow[]>(`/api/clusters/${clusterId}/revisions`);
/** The files changed from revision `from` (nothing when blank) to revision `to`. */
export const compareRevisions = (clusterId: string, from: number | "", to: number | "") =>
  api<FileDiff[]>(`/api/clusters/${clusterId}/compare?${from ? `from=${from}&` : ""}to=${to}`);
export const markDesired = (clusterId: string, number: number) =>
  api(`/api/clusters/${clusterId}/revisions/${number}/desired`, { method: "POST" });

/** The last drift check (null before the first); checking reads every host now, about 10 s at most. */
export const fetchDrift = (clusterId: string) => api<{ drift: ClusterDrift | null }>(`/api/clusters/${clusterId}/drift`);
export const checkDrift = (clusterId: string) => api<{ drift: ClusterDrift }>(`/api/clusters/${clusterId}/drift`, { method: "POST" });
