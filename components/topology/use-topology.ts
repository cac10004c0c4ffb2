"use client";

import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SnapshotEnvelope, TopologyEventRecord, TopologySnapshot } from "@/lib/topology/model";
import type { MetricPoint } from "@/lib/topology/store";
import { useEventStream } from "../use-event-stream";
import { fetchSnapshot, fetchTimeline, hold, topologyKeys } from "./queries";

const MAX_EVENTS = 500;
const HOUR_MS = 60 * 60_000;

/**
 * The cluster's topology in the react-query cache, kept current by one EventSource: each `snapshot` replaces the
 * cached snapshot, each `event` is appended to the timeline, and each node's chart gets the new runtime sample.
 * Nothing polls; the stream resumes the timeline after the last event held.
 */
export function useTopology(clusterId: string, initial: { envelope: SnapshotEnvelope; events: TopologyEventRecord[] }) {
  const queryClient = useQueryClient();
  const snapshot = useQuery({
    queryKey: topologyKeys.snapshot(clusterId),
    queryFn: () => fetchSnapshot(clusterId),
    initialData: () => hold(initial.envelope),
    staleTime: Infinity,
  });
  const events = useQuery({
    queryKey: topologyKeys.events(clusterId),
    queryFn: () => fetchTimeline(clusterId),
    initialData: initial.events,
    staleTime: Infinity,
  });
  const after = () => queryClient.getQueryData<TopologyEventRecord[]>(topologyKeys.events(clusterId))?.at(-1)?.id ?? "0";
  const { live } = useEventStream(clusterId, () => `/api/clusters/${clusterId}/topology/events?after=${after()}`, {
    snapshot: (data) => {
      const next = hold(data as SnapshotEnvelope);
      queryClient.setQueryData(topologyKeys.snapshot(clusterId), next);
      if (next.snapshot) appendSamples(queryClient, clusterId, next.snapshot);
    },
    event: (data) => {
      const event = data as TopologyEventRecord;
      queryClient.setQueryData<TopologyEventRecord[]>(topologyKeys.events(clusterId), (previous = []) => {
        if (previous.some((e) => e.id === event.id)) return previous;
        return [...previous, event].slice(-MAX_EVENTS);
      });
    },
  });

  return { held: snapshot.data, events: events.data, live };
}

/** The snapshot API: the snapshot in the body, the server's clock in a header. */
/** Adds each node's newest runtime reading to its chart, if that chart is open. */
function appendSamples(queryClient: QueryClient, clusterId: string, snapshot: TopologySnapshot) {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: ["topology", clusterId, "samples"] })) {
    const nodeKey = query.queryKey[3] as string;
    const node = snapshot.groups.flatMap((g) => g.nodes).find((n) => n.key === nodeKey);
    const reading = node?.runtime;
    if (!reading?.value || reading.observedAt === null) continue;
    const point: MetricPoint = {
      at: reading.observedAt,
      putTps: reading.value.putTps,
      getTps: reading.value.getTps,
      diskRatio: reading.value.diskRatio,
    };
    queryClient.setQueryData<MetricPoint[]>(query.queryKey, (points = []) => {
      if (points.length > 0 && points[points.length - 1].at >= point.at) return points;
      return [...points.filter((p) => p.at >= point.at - HOUR_MS), point];
    });
  }
}
