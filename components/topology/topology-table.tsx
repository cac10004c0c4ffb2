"use client";

import type { GroupSnapshot, NodeSnapshot } from "@/lib/topology/model";
import { DataTable } from "../ui/data-table";
import { formatAge, formatBytes, formatRatio, formatTps, HealthBadge, RoleBadge } from "./format";

interface Row {
  node: NodeSnapshot;
  group: GroupSnapshot;
}

/** The same topology as the graph, one row per node, sortable and filterable. */
export function TopologyTable({ groups, now, onSelect }: { groups: GroupSnapshot[]; now: number; onSelect: (key: string) => void }) {
  const rows: Row[] = groups.flatMap((group) => group.nodes.map((node) => ({ node, group })));
  const age = (n: NodeSnapshot) => (n.dledger.observedAt === null ? null : now - n.dledger.observedAt);
  return (
    <DataTable<Row>
      label="Topology nodes"
      rows={rows}
      rowKey={(r) => r.node.key}
      emptyText="No nodes known yet."
      columns={[
        { key: "datacenter", header: "Datacenter", value: (r) => r.node.datacenter ?? "—" },
        {
          key: "group",
          header: "Group",
          value: (r) => r.group.brokerName,
          render: (r) => <span className="font-mono">{r.group.brokerName}</span>,
        },
        {
          key: "node",
          header: "Node",
          value: (r) => r.node.selfId,
          render: (r) => (
            <button type="button" className="font-mono text-indigo-700 underline" onClick={() => onSelect(r.node.key)}>
              {r.node.selfId}
            </button>
          ),
        },
        {
          key: "role",
          header: "Role",
          value: (r) => (r.node.health === "down" ? "down" : r.node.role),
          render: (r) => <RoleBadge role={r.node.role} health={r.node.health} />,
        },
        { key: "health", header: "Health", value: (r) => r.node.health, render: (r) => <HealthBadge health={r.node.health} /> },
        { key: "term", header: "Term", value: (r) => r.node.term },
        {
          key: "address",
          header: "Broker",
          value: (r) => r.node.brokerAddress ?? "",
          render: (r) => <span className="font-mono text-xs">{r.node.brokerAddress ?? "unknown"}</span>,
        },
        {
          key: "dledger",
          header: "DLedger",
          value: (r) => r.node.dledgerAddress,
          render: (r) => <span className="font-mono text-xs">{r.node.dledgerAddress}</span>,
        },
        {
          key: "registered",
          header: "NameServer id",
          value: (r) => r.node.registeredAs,
          render: (r) => r.node.registeredAs ?? "not listed",
        },
        { key: "version", header: "Version", value: (r) => r.node.runtime.value?.version ?? null },
        {
          key: "put",
          header: "Put TPS",
          value: (r) => r.node.runtime.value?.putTps ?? null,
          render: (r) => formatTps(r.node.runtime.value?.putTps),
        },
        {
          key: "disk",
          header: "Disk",
          value: (r) => r.node.runtime.value?.diskRatio ?? null,
          render: (r) => formatRatio(r.node.runtime.value?.diskRatio),
        },
        {
          key: "lag",
          header: "Lag",
          value: (r) => r.node.lagBytes,
          render: (r) => (r.node.role === "leader" ? "—" : formatBytes(r.node.lagBytes)),
        },
        {
          key: "age",
          header: "Seen",
          value: (r) => age(r.node),
          render: (r) => (age(r.node) === null ? "never" : `${formatAge(age(r.node))} ago`),
        },
      ]}
    />
  );
}
