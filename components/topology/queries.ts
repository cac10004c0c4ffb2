import type { SnapshotEnvelope, TopologyEventRecord, TopologySnapshot } from "@/lib/topology/model";
import type { MetricPoint } from "@/lib/topology/store";
import { ApiError, api } from "../api";

// The topology API's keys and fetches. The stream in use-topology.ts keeps the snapshot and the timeline current
// under these keys; the fetches fill them when a query has nothing yet.

export const topologyKeys = {
  snapshot: (clusterId: string) => ["topology", clusterId, "snapshot"] as const,
  events: (clusterId: string) => ["topology", clusterId, "events"] as const,
  samples: (clusterId: string, nodeKey: string) => ["topology", clusterId, "samples", nodeKey] as const,
};

/** A snapshot as the browser holds it: with the offset between this browser's clock and the server's. */
export interface HeldSnapshot {
  snapshot: TopologySnapshot | null;
  /** Date.now() here minus the server's clock when it was sent. */
  clockOffset: number;
}

export const hold = (envelope: SnapshotEnvelope): HeldSnapshot => ({
  snapshot: envelope.snapshot,
  clockOffset: Date.now() - envelope.serverNow,
});

export async function fetchSnapshot(clusterId: string): Promise<HeldSnapshot> {
  const response = await fetch(`/api/clusters/${clusterId}/topology`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(body.error ?? `Request failed with status ${response.status}.`, response.status, body.code);
  return hold({ snapshot: body.snapshot, serverNow: Number(response.headers.get("x-server-now") ?? Date.now()) });
}

export const fetchTimeline = (clusterId: string) => api<TopologyEventRecord[]>(`/api/clusters/${clusterId}/topology/timeline`);

/** A node's last hour of samples, for its charts. */
export const fetchSamples = (clusterId: string, nodeKey: string) =>
  api<MetricPoint[]>(`/api/clusters/${clusterId}/topology/samples?node=${encodeURIComponent(nodeKey)}`);
