"use client";

import "@xyflow/react/dist/style.css";
import { Background, type BuiltInEdge, Controls, Handle, type Node, type NodeProps, Position, ReactFlow } from "@xyflow/react";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { GroupSnapshot, NodeSnapshot, TopologySnapshot } from "@/lib/topology/model";
import { GROUP_LABEL, GROUP_TONE, useTopologyFormat } from "./format";

// Datacenters side by side; in each, groups in a grid; in each group, its nodes in a row (by selfId, so a node
// keeps its place when leadership moves). Arcs above the row run from each follower to the leader it follows.
const NODE_W = 168;
const NODE_H = 92;
const GAP = 14;
const PAD = 12;
const GROUP_HEADER = 64;
const DC_HEADER = 36;
const DC_GAP = 48;

type BrokerData = { node: NodeSnapshot; now: number; selected: boolean };
type GroupData = { group: GroupSnapshot };
type DatacenterData = { code: string; name: string | null; groups: number };
type FlowNode = Node<BrokerData, "broker"> | Node<GroupData, "brokerGroup"> | Node<DatacenterData, "datacenter">;

const CARD_TONE = {
  up: "border-slate-300 bg-white",
  stale: "border-amber-400 bg-amber-50",
  down: "border-red-500 bg-red-50",
  unknown: "border-dashed border-slate-300 bg-slate-50",
} as const;

function BrokerNode({ data }: NodeProps<Node<BrokerData, "broker">>) {
  const t = useTranslations("topology");
  const format = useTopologyFormat();
  const { node, now, selected } = data;
  const leader = node.role === "leader";
  const age = node.dledger.observedAt === null ? null : now - node.dledger.observedAt;
  return (
    <div
      data-testid={`topology-node-${node.brokerName}-${node.selfId}`}
      data-role={node.role}
      data-health={node.health}
      data-registered={node.registeredAs ?? ""}
      data-version={node.runtime.value?.version ?? ""}
      title={node.dledger.error ?? undefined}
      className={`h-full w-full rounded-md border-2 px-2 py-1.5 text-xs shadow-sm ${CARD_TONE[node.health]} ${leader ? "border-indigo-600 ring-2 ring-indigo-200" : ""} ${selected ? "outline outline-2 outline-offset-2 outline-indigo-500" : ""}`}
    >
      <Handle type="target" position={Position.Top} className="!opacity-0" isConnectable={false} />
      <Handle type="source" position={Position.Top} className="!opacity-0" isConnectable={false} />
      <div className="flex items-center justify-between">
        <span>
          <span className="font-mono text-sm font-semibold">{node.selfId}</span>
          {/* Mixed releases are normal while an upgrade runs: each card says which one its node runs. */}
          {node.runtime.value?.version && <span className="ml-1 font-mono text-[10px] text-slate-500">{node.runtime.value.version}</span>}
        </span>
        <span className={`font-medium ${leader ? "text-indigo-700" : node.health === "down" ? "text-red-700" : "text-slate-600"}`}>
          {node.health === "down" ? t("health.down") : leader ? `★ ${t("role.leader")}` : t(`role.${node.role}`)}
        </span>
      </div>
      <div className="truncate font-mono text-slate-600">{node.brokerAddress ?? node.dledgerAddress}</div>
      <div className="mt-1 flex justify-between text-slate-500">
        <span>{t("graph.term", { term: node.term ?? "?" })}</span>
        <span className={node.health === "up" ? "" : "text-amber-700"}>
          {node.health === "up" ? format.age(age) : t(`health.${node.health}`)}
        </span>
      </div>
    </div>
  );
}

const GROUP_TEXT = {
  good: "text-emerald-700",
  warn: "text-amber-700",
  bad: "text-red-700",
  neutral: "text-slate-500",
  info: "text-indigo-700",
} as const;

function GroupNode({ data }: NodeProps<Node<GroupData, "brokerGroup">>) {
  const t = useTranslations("topology");
  const { group } = data;
  return (
    <div
      data-testid={`topology-group-${group.brokerName}`}
      data-leader={group.leaderId ?? ""}
      data-term={group.term ?? ""}
      data-health={group.health}
      className="h-full w-full rounded-lg border border-slate-300 bg-slate-50/80 px-3 py-2"
    >
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="truncate font-mono text-sm font-semibold text-slate-800">{group.brokerName}</span>
        <span className={`font-medium ${GROUP_TEXT[GROUP_TONE[group.health]]}`}>{t(`groupHealth.${GROUP_LABEL[group.health]}`)}</span>
      </div>
      <div className="text-xs text-slate-600">
        {group.leaderId ? (
          t.rich(group.leaderStale ? "graph.staleLeader" : "graph.leader", {
            leader: group.leaderId,
            term: group.term ?? "?",
            mono: (chunks) => <span className="font-mono font-semibold">{chunks}</span>,
          })
        ) : (
          <span className="text-red-700">
            {group.term !== null ? t("graph.noLeaderLastTerm", { term: group.term }) : t("graph.noLeader")}
          </span>
        )}
        {group.namesrv.agreement === "disagrees" && <span className="ml-1 text-amber-700">· {t("graph.namesrvDisagrees")}</span>}
      </div>
    </div>
  );
}

function DatacenterNode({ data }: NodeProps<Node<DatacenterData, "datacenter">>) {
  const t = useTranslations("topology");
  return (
    <div className="h-full w-full rounded-xl border-2 border-dashed border-slate-300 bg-white/40 px-4 py-2">
      <span className="text-sm font-semibold text-slate-700">{data.code ? (data.name ?? data.code) : t("dashboard.noDatacenter")}</span>
      <span className="ml-2 text-xs text-slate-500">{t("graph.groups", { count: data.groups })}</span>
    </div>
  );
}

// Not "group": React Flow styles a node type of that name itself.
const nodeTypes = { broker: BrokerNode, brokerGroup: GroupNode, datacenter: DatacenterNode };

function layout(snapshot: TopologySnapshot, groups: GroupSnapshot[], now: number, selectedKey: string | null) {
  const nodes: FlowNode[] = [];
  const edges: BuiltInEdge[] = [];
  const names = new Map(snapshot.datacenters.map((d) => [d.code, d.name]));
  const byDatacenter = new Map<string, GroupSnapshot[]>();
  for (const group of groups) {
    const code = group.datacenter ?? "";
    byDatacenter.set(code, [...(byDatacenter.get(code) ?? []), group]);
  }
  let x = 0;
  let height = 0;
  for (const [code, dcGroups] of [...byDatacenter].sort(([a], [b]) => a.localeCompare(b))) {
    const columns = Math.max(1, Math.min(4, Math.ceil(Math.sqrt(dcGroups.length / 3))));
    const width = Math.max(...dcGroups.map((g) => groupWidth(g.nodes.length)));
    const groupHeight = GROUP_HEADER + NODE_H + PAD;
    const rows = Math.ceil(dcGroups.length / columns);
    const dcId = `dc:${code}`;
    const dcHeight = DC_HEADER + rows * (groupHeight + GAP) - GAP + PAD;
    height = Math.max(height, dcHeight);
    nodes.push({
      id: dcId,
      type: "datacenter",
      position: { x, y: 0 },
      data: { code, name: names.get(code) ?? null, groups: dcGroups.length },
      ...size(columns * (width + GAP) - GAP + 2 * PAD, dcHeight),
      selectable: false,
      draggable: false,
    });
    dcGroups.forEach((group, i) => {
      const groupId = `group:${group.brokerName}`;
      nodes.push({
        id: groupId,
        type: "brokerGroup",
        parentId: dcId,
        extent: "parent",
        position: { x: PAD + (i % columns) * (width + GAP), y: DC_HEADER + Math.floor(i / columns) * (groupHeight + GAP) },
        data: { group },
        ...size(groupWidth(group.nodes.length), groupHeight),
        selectable: false,
        draggable: false,
      });
      group.nodes.forEach((node, j) => {
        nodes.push({
          id: node.key,
          type: "broker",
          parentId: groupId,
          extent: "parent",
          position: { x: PAD + j * (NODE_W + GAP), y: GROUP_HEADER },
          data: { node, now, selected: node.key === selectedKey },
          ...size(NODE_W, NODE_H),
          draggable: false,
        });
        if (group.leaderId && node.selfId !== group.leaderId && node.follows === group.leaderId && node.health === "up") {
          edges.push({
            id: `${node.key}->leader`,
            source: node.key,
            target: `${group.brokerName}/${group.leaderId}`,
            type: "smoothstep",
            pathOptions: { offset: 10, borderRadius: 6 },
            animated: true,
            style: { stroke: "#6366f1" },
          });
        }
      });
    });
    x += columns * (width + GAP) + 2 * PAD + DC_GAP;
  }
  return { nodes, edges, height };
}

/**
 * Sizes are known here, so nodes say them, measured included: React Flow hides a node it has not measured, and every
 * snapshot brings new node objects, which it would otherwise measure (and hide) again each second.
 */
const size = (width: number, height: number) => ({ width, height, measured: { width, height }, style: { width, height } });

const groupWidth = (nodeCount: number) => 2 * PAD + nodeCount * NODE_W + Math.max(0, nodeCount - 1) * GAP;

/** The cluster as a picture: datacenters → groups → nodes, the leader marked, followers linked to it. */
export function TopologyGraph({
  snapshot,
  groups,
  now,
  selectedKey,
  onSelect,
}: {
  snapshot: TopologySnapshot;
  groups: GroupSnapshot[];
  now: number;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  const t = useTranslations("topology.graph");
  const { nodes, edges, height } = useMemo(() => layout(snapshot, groups, now, selectedKey), [snapshot, groups, now, selectedKey]);
  const shape = groups.map((g) => `${g.brokerName}:${g.nodes.length}`).join(",");
  // React Flow's own screen-reader texts and control tooltips.
  const ariaLabelConfig = useMemo(
    () => ({
      "node.a11yDescription.default": t("flow.node"),
      "node.a11yDescription.keyboardDisabled": t("flow.nodeKeyboard"),
      "edge.a11yDescription.default": t("flow.edge"),
      "controls.ariaLabel": t("flow.controls"),
      "controls.zoomIn.ariaLabel": t("flow.zoomIn"),
      "controls.zoomOut.ariaLabel": t("flow.zoomOut"),
      "controls.fitView.ariaLabel": t("flow.fitView"),
      "handle.ariaLabel": t("flow.handle"),
    }),
    [t],
  );
  return (
    // As tall as the picture at full size (fitView never zooms in past 1), within reason; larger clusters zoom out.
    <section
      style={{ height: Math.min(720, Math.max(280, Math.round(height * 1.3))) }}
      className="rounded-lg border border-slate-200 bg-slate-50"
      aria-label={t("label")}
    >
      <ReactFlow
        key={shape}
        ariaLabelConfig={ariaLabelConfig}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.1, maxZoom: 1 }}
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={(_, node) => node.type === "broker" && onSelect(node.id)}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}
