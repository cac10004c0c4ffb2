"use client";

import { useTranslations } from "next-intl";
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
import { useTopologyFormat } from "./format";
import { NameServerBar } from "./nameserver-bar";
import { NodePanel } from "./node-panel";
import { ClusterActions, GroupActions } from "./operation-controls";
import { TopologyGraph } from "./topology-graph";
import { TopologyTable } from "./topology-table";
import { useNow } from "../use-now";
import { useTopology } from "./use-topology";

type HealthFilter = "all" | "healthy" | "problems" | "unreachable";

const HEALTH_FILTERS: HealthFilter[] = ["all", "healthy", "problems", "unreachable"];

const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

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
  const t = useTranslations("topology.dashboard");
  const format = useTopologyFormat();
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
        <Alert tone="info">{t("waiting")}</Alert>
        <EventTimeline events={events} />
      </div>
    );
  }

  const summary = summarize(snapshot);
  const selected = snapshot.groups.flatMap((g) => g.nodes.map((n) => ({ group: g, node: n }))).find((x) => x.node.key === selectedKey);
  const datacenterCodes = [...new Set(snapshot.groups.flatMap((g) => g.nodes.map((n) => n.datacenter ?? "")))].sort();
  const datacenterName = (code: string) => (code ? (snapshot.datacenters.find((d) => d.code === code)?.name ?? code) : t("noDatacenter"));
  const snapshotAge = now - snapshot.generatedAt;
  // The panel knows how to start a node only from the files it wrote: an attached cluster's launch is unknown to it.
  const actions = snapshot.source === "revision" ? operations : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="topology-summary">
        <Badge tone={live ? "good" : "warn"}>{live ? t("live") : t("reconnecting")}</Badge>
        <span>{t.rich("groupsWithLeader", { count: summary.groupsWithLeader, total: summary.groups, strong })}</span>
        <span>
          {t.rich("nodesUp", { count: summary.nodesUp, total: summary.nodes, strong })}
          {summary.nodesDown > 0 && <span className="text-red-700"> · {t("nodesUnreachable", { count: summary.nodesDown })}</span>}
        </span>
        <span>{t.rich("nameServersUp", { count: summary.nameServersUp, total: summary.nameServers, strong })}</span>
        <span
          className={`ml-auto text-xs ${snapshotAge > 10_000 ? "font-medium text-amber-700" : "text-slate-500"}`}
          data-testid="snapshot-age"
        >
          {t(snapshotAge > 10_000 ? "snapshotStale" : "snapshotAge", { age: format.age(snapshotAge) })}
        </span>
      </div>
      <NameServerBar nameServers={snapshot.nameServers} now={now} operations={actions} />
      <div className="flex flex-wrap items-center gap-2">
        <fieldset aria-label={t("view")} className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm">
          {(["graph", "table"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`px-3 py-1.5 ${view === v ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
            >
              {t(v)}
            </button>
          ))}
        </fieldset>
        <label className="text-sm">
          <span className="sr-only">{t("datacenter")}</span>
          <select
            aria-label={t("datacenterFilter")}
            value={datacenter}
            onChange={(e) => setDatacenter(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="all">{t("allDatacenters")}</option>
            {datacenterCodes.map((code) => (
              <option key={code} value={code}>
                {datacenterName(code)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="sr-only">{t("health")}</span>
          <select
            aria-label={t("healthFilter")}
            value={health}
            onChange={(e) => setHealth(e.target.value as HealthFilter)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {HEALTH_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`filters.${f}`)}
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
            <Alert tone="info">{t("noMatch")}</Alert>
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
