"use client";

import { useMemo, useState } from "react";
import {
  asOf,
  type GroupSnapshot,
  type NodeSnapshot,
  type SnapshotEnvelope,
  summarize,
  type TopologyEventRecord,
} from "@/lib/topology/model";
import type { OperationAccess } from "../operations/access";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { EventTimeline } from "./event-timeline";
import { formatAge } from "./format";
import { NameServerBar } from "./nameserver-bar";
import { NodePanel } from "./node-panel";
import { ClusterActions, GroupActions } from "./operation-controls";
import { TopologyGraph } from "./topology-graph";
import { TopologyTable } from "./topology-table";
import { useNow } from "../use-now";
import { useTopology } from "./use-topology";

type HealthFilter = "all" | "healthy" | "problems" | "unreachable";

const HEALTH_FILTERS: { value: HealthFilter; label: string }[] = [
  { value: "all", label: "All health" },
  { value: "healthy", label: "Healthy" },
  { value: "problems", label: "Needs attention" },
  { value: "unreachable", label: "Unreachable nodes" },
];

function nodeMatches(filter: HealthFilter, group: GroupSnapshot, node: NodeSnapshot): boolean {
  if (filter === "healthy") return node.health === "up" && group.health === "ok";
  if (filter === "problems") return node.health !== "up" || group.health !== "ok";
  if (filter === "unreachable") return node.health === "down";
  return true;
}

/**
 * The live topology of one cluster: NameServers, then datacenters → groups → nodes as a graph or a table, a node panel, the timeline.
 * `operations` (null for viewers) adds restart, stop and start buttons where the panel deployed the cluster.
 */
export function TopologyDashboard({
  clusterId,
  initial,
  operations,
}: {
  clusterId: string;
  initial: { envelope: SnapshotEnvelope; events: TopologyEventRecord[] };
  operations: OperationAccess | null;
}) {
  const { held, events, live } = useTopology(clusterId, initial);
  // Ages count up between snapshots; until the browser's clock is read, the server's time of the first snapshot.
  const clientNow = useNow(1_000);
  const [view, setView] = useState<"graph" | "table">("graph");
  const [datacenter, setDatacenter] = useState("all");
  const [health, setHealth] = useState<HealthFilter>("all");
  const [selectedKey, setSelectedKey] = useState<string | null>(null);

  const now = clientNow === null ? initial.envelope.serverNow : clientNow - held.clockOffset;
  const snapshot = useMemo(() => (held.snapshot ? asOf(held.snapshot, now) : null), [held.snapshot, now]);
  const groups = useMemo(() => {
    if (!snapshot) return [];
    return snapshot.groups
      .map((group) => ({ ...group, nodes: group.nodes.filter((node) => datacenter === "all" || (node.datacenter ?? "") === datacenter) }))
      .filter((group) => group.nodes.length > 0 && group.nodes.some((node) => nodeMatches(health, group, node)))
      .map((group) => (view === "table" ? { ...group, nodes: group.nodes.filter((node) => nodeMatches(health, group, node)) } : group));
  }, [snapshot, datacenter, health, view]);

  if (!snapshot) {
    return (
      <div className="space-y-4">
        <Alert tone="info">Waiting for the first poll of this cluster: the worker picks it up within a few seconds.</Alert>
        <EventTimeline events={events} />
      </div>
    );
  }

  const summary = summarize(snapshot);
  const selected = snapshot.groups.flatMap((g) => g.nodes.map((n) => ({ group: g, node: n }))).find((x) => x.node.key === selectedKey);
  const datacenterCodes = [...new Set(snapshot.groups.flatMap((g) => g.nodes.map((n) => n.datacenter ?? "")))].sort();
  const datacenterName = (code: string) => (code ? (snapshot.datacenters.find((d) => d.code === code)?.name ?? code) : "No datacenter");
  const snapshotAge = now - snapshot.generatedAt;
  // The panel knows how to start a node only from the files it wrote: an attached cluster's launch is unknown to it.
  const actions = snapshot.source === "revision" ? operations : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="topology-summary">
        <Badge tone={live ? "good" : "warn"}>{live ? "● live" : "reconnecting…"}</Badge>
        <span>
          <strong>{summary.groupsWithLeader}</strong> of {summary.groups} groups have a leader
        </span>
        <span>
          <strong>{summary.nodesUp}</strong> of {summary.nodes} nodes up
          {summary.nodesDown > 0 && <span className="text-red-700"> · {summary.nodesDown} unreachable</span>}
        </span>
        <span>
          <strong>{summary.nameServersUp}</strong> of {summary.nameServers} NameServers up
        </span>
        <span
          className={`ml-auto text-xs ${snapshotAge > 10_000 ? "font-medium text-amber-700" : "text-slate-500"}`}
          data-testid="snapshot-age"
        >
          snapshot {formatAge(snapshotAge)} old{snapshotAge > 10_000 ? ": the poller is not reporting, every value below is stale" : ""}
        </span>
      </div>
      <NameServerBar nameServers={snapshot.nameServers} now={now} operations={actions} />
      <div className="flex flex-wrap items-center gap-2">
        <fieldset aria-label="View" className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm">
          {(["graph", "table"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`px-3 py-1.5 ${view === v ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
            >
              {v === "graph" ? "Graph" : "Table"}
            </button>
          ))}
        </fieldset>
        <label className="text-sm">
          <span className="sr-only">Datacenter</span>
          <select
            aria-label="Datacenter filter"
            value={datacenter}
            onChange={(e) => setDatacenter(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="all">All datacenters</option>
            {datacenterCodes.map((code) => (
              <option key={code} value={code}>
                {datacenterName(code)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="sr-only">Health</span>
          <select
            aria-label="Health filter"
            value={health}
            onChange={(e) => setHealth(e.target.value as HealthFilter)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {HEALTH_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <div className="ml-auto">
          <ClusterActions access={operations} snapshot={snapshot} />
        </div>
      </div>
      <div className={selected ? "grid gap-4 xl:grid-cols-[1fr_24rem]" : ""}>
        <div className="min-w-0">
          {groups.length === 0 ? (
            <Alert tone="info">No group matches the filters.</Alert>
          ) : view === "graph" ? (
            <TopologyGraph snapshot={snapshot} groups={groups} now={now} selectedKey={selectedKey} onSelect={setSelectedKey} />
          ) : (
            <TopologyTable groups={groups} now={now} onSelect={setSelectedKey} />
          )}
        </div>
        {selected && (
          <div className="space-y-4">
            <NodePanel
              clusterId={clusterId}
              snapshot={snapshot}
              group={selected.group}
              node={selected.node}
              now={now}
              operations={actions}
              onClose={() => setSelectedKey(null)}
            />
            {actions && <GroupActions access={actions} group={selected.group} />}
          </div>
        )}
      </div>
      <EventTimeline events={events} />
    </div>
  );
}
