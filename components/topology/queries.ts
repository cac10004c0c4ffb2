import type { MetricPoint } from "@/lib/topology/store";
import { api } from "../api";

// The topology API's plain fetches; the snapshot and the timeline come from the stream in use-topology.ts, which
// also holds the keys the stream writes under (topologyKeys).

/** A node's last hour of samples, for its charts. */
export const fetchSamples = (clusterId: string, nodeKey: string) =>
  api<MetricPoint[]>(`/api/clusters/${clusterId}/topology/samples?node=${encodeURIComponent(nodeKey)}`);
