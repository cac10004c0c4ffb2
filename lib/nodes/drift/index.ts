import "server-only";
import type { ClusterDrift } from "./schema";

// The drift of a cluster: what its hosts actually run compared with the deployed revision. Read over SSH on demand
// and after every job of the cluster, stored with the time of the check.

/** The last stored check; null when the cluster was never checked (or has no deployed revision). */
export async function readDrift(_clusterId: string): Promise<ClusterDrift | null> {
  return null;
}

/** Reads every host of the deployed revision now (bounded in time), stores and returns the result. */
export async function refreshDrift(_clusterId: string): Promise<ClusterDrift | null> {
  return null;
}
