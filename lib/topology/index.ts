/**
 * lib/topology: the live view of a cluster's NameServers, DLedger groups and nodes.
 *
 *   worker:  startTopologyPollers()  polls every watched cluster it holds the lease of, stores snapshots and events
 *   web:     latestSnapshotText(id), topologyEventStream(id, userId, afterEventId, signal), recentEvents(id), readSamples(…);
 *            an unknown cluster is a 404 (requireCluster for the row readers), and only known ones are cached
 *   attach:  attachCluster(actor, input)  discovers a running cluster from its NameServers and starts watching it
 *
 * The snapshot model (model.ts) is pure and shared with the browser.
 */
import "server-only";

export { attachCluster } from "./attach";
export { latestSnapshotText, topologyEventStream } from "./live";
export type { TopologyPollers } from "./run-pollers";
export { type MetricPoint, readSamples, recentEvents, requireCluster, watchOf } from "./store";
