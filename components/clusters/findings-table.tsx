import type { Finding } from "@/lib/design";
import { Badge } from "../ui/badge";
import { Table } from "../ui/data-table";

const TONE = { error: "bad", warning: "warn", info: "info" } as const;

function where(f: Finding): string {
  const { group, node, host, key, file } = f.location;
  return [file, group, node && `node ${node}`, host && `on ${host}`, key && `key ${key}`].filter(Boolean).join(" · ");
}

/** Lint findings, most severe first, each with how to fix it. */
export function FindingsTable({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <p className="text-sm text-emerald-700">No lint findings.</p>;
  return (
    <Table<Finding>
      label="Lint findings"
      rows={findings}
      rowKey={(f) => `${f.ruleId}-${findings.indexOf(f)}`}
      rowData={(f) => ({ "data-severity": f.severity })}
      columns={[
        {
          key: "severity",
          header: "Severity",
          value: (f) => f.severity,
          render: (f) => <Badge tone={TONE[f.severity]}>{f.severity}</Badge>,
        },
        { key: "rule", header: "Rule", value: (f) => f.ruleId, render: (f) => <span className="font-mono text-xs">{f.ruleId}</span> },
        {
          key: "finding",
          header: "Finding",
          value: (f) => f.message,
          render: (f) => (
            <>
              <p>{f.message}</p>
              <p className="text-xs text-slate-500">Fix: {f.hint}</p>
            </>
          ),
        },
        { key: "where", header: "Where", value: where, render: (f) => <span className="text-xs text-slate-600">{where(f)}</span> },
      ]}
    />
  );
}
