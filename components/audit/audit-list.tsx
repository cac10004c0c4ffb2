"use client";

import { useQuery } from "@tanstack/react-query";
import { DataTable } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import { type AuditRow, auditKeys, fetchAuditEvents } from "./queries";

export function AuditList({ initial }: { initial: AuditRow[] }) {
  const { data: rows = initial } = useQuery({
    queryKey: auditKeys.events,
    queryFn: fetchAuditEvents,
    initialData: initial,
    refetchInterval: 15_000,
  });
  return (
    <DataTable
      label="Audit events"
      rows={rows}
      rowKey={(r) => r.id}
      emptyText="No changes recorded yet."
      columns={[
        { key: "time", header: "When", value: (r) => r.createdAt, render: (r) => <LocalTime at={r.createdAt} /> },
        { key: "actor", header: "Who", value: (r) => r.actorName },
        { key: "action", header: "What", value: (r) => r.action, render: (r) => <span className="font-mono text-xs">{r.action}</span> },
        { key: "target", header: "Target", value: (r) => `${r.targetType} ${r.targetName ?? ""}` },
        {
          key: "change",
          header: "Before → after",
          value: (r) => JSON.stringify([r.before, r.after]),
          render: (r) => <ChangeView before={r.before} after={r.after} />,
        },
      ]}
    />
  );
}

function ChangeView({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (keys.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {keys.map((k) => (
        <li key={k}>
          {k}: <span className="text-red-700">{JSON.stringify(b[k]) ?? "∅"}</span> →{" "}
          <span className="text-emerald-700">{JSON.stringify(a[k]) ?? "∅"}</span>
        </li>
      ))}
    </ul>
  );
}
