"use client";

import { useTranslations } from "next-intl";
import type { GroupSnapshot, NodeSnapshot } from "@/lib/topology/model";
import { DataTable } from "../ui/data-table";
import { HealthBadge, RoleBadge, useTopologyFormat } from "./format";

interface Row {
  node: NodeSnapshot;
  group: GroupSnapshot;
}

/** The same topology as the graph, one row per node, sortable and filterable. */
export function TopologyTable({ groups, now, onSelect }: { groups: GroupSnapshot[]; now: number; onSelect: (key: string) => void }) {
  const t = useTranslations("topology");
  const format = useTopologyFormat();
  const rows: Row[] = groups.flatMap((group) => group.nodes.map((node) => ({ node, group })));
  const age = (n: NodeSnapshot) => (n.dledger.observedAt === null ? null : now - n.dledger.observedAt);
  return (
    <DataTable<Row>
      label={t("table.label")}
      rows={rows}
      rowKey={(r) => r.node.key}
      emptyText={t("table.empty")}
      columns={[
        { key: "datacenter", header: t("table.datacenter"), value: (r) => r.node.datacenter ?? "—" },
        {
          key: "group",
          header: t("table.group"),
          value: (r) => r.group.brokerName,
          render: (r) => <span className="font-mono">{r.group.brokerName}</span>,
        },
        {
          key: "node",
          header: t("table.node"),
          value: (r) => r.node.selfId,
          render: (r) => (
            <button type="button" className="font-mono text-indigo-700 underline" onClick={() => onSelect(r.node.key)}>
              {r.node.selfId}
            </button>
          ),
        },
        {
          key: "role",
          header: t("table.role"),
          // Filtered on as shown, in the reader's language.
          value: (r) => (r.node.health === "down" ? t("role.down") : t(`role.${r.node.role}`)),
          render: (r) => <RoleBadge role={r.node.role} health={r.node.health} />,
        },
        {
          key: "health",
          header: t("table.health"),
          value: (r) => t(`health.${r.node.health}`),
          render: (r) => <HealthBadge health={r.node.health} />,
        },
        { key: "term", header: t("table.term"), value: (r) => r.node.term },
        {
          key: "address",
          header: t("table.broker"),
          value: (r) => r.node.brokerAddress ?? "",
          render: (r) => <span className="font-mono text-xs">{r.node.brokerAddress ?? t("table.unknown")}</span>,
        },
        {
          key: "dledger",
          header: t("table.dledger"),
          value: (r) => r.node.dledgerAddress,
          render: (r) => <span className="font-mono text-xs">{r.node.dledgerAddress}</span>,
        },
        {
          key: "registered",
          header: t("table.registeredAs"),
          value: (r) => r.node.registeredAs,
          render: (r) => r.node.registeredAs ?? t("table.notListed"),
        },
        { key: "version", header: t("table.version"), value: (r) => r.node.runtime.value?.version ?? null },
        {
          key: "put",
          header: t("table.putTps"),
          value: (r) => r.node.runtime.value?.putTps ?? null,
          render: (r) => format.tps(r.node.runtime.value?.putTps),
        },
        {
          key: "disk",
          header: t("table.disk"),
          value: (r) => r.node.runtime.value?.diskRatio ?? null,
          render: (r) => format.ratio(r.node.runtime.value?.diskRatio),
        },
        {
          key: "lag",
          header: t("table.lag"),
          value: (r) => r.node.lagBytes,
          render: (r) => (r.node.role === "leader" ? "—" : format.bytes(r.node.lagBytes)),
        },
        { key: "age", header: t("table.seen"), value: (r) => age(r.node), render: (r) => format.ago(age(r.node)) },
      ]}
    />
  );
}
