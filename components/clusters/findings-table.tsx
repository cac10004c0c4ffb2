import type { Finding } from "@/lib/design";
import { Badge } from "../ui/badge";

const TONE = { error: "bad", warning: "warn", info: "info" } as const;

function where(f: Finding): string {
  const { group, node, host, key, file } = f.location;
  return [file, group, node && `node ${node}`, host && `on ${host}`, key && `key ${key}`].filter(Boolean).join(" · ");
}

/** Lint findings, most severe first, each with how to fix it. */
export function FindingsTable({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <p className="text-sm text-emerald-700">No lint findings.</p>;
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Lint findings">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-2 py-1.5">Severity</th>
          <th className="px-2 py-1.5">Rule</th>
          <th className="px-2 py-1.5">Finding</th>
          <th className="px-2 py-1.5">Where</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {findings.map((f, i) => (
          <tr key={`${f.ruleId}-${i}`} data-severity={f.severity}>
            <td className="px-2 py-1.5 align-top">
              <Badge tone={TONE[f.severity]}>{f.severity}</Badge>
            </td>
            <td className="px-2 py-1.5 align-top font-mono text-xs">{f.ruleId}</td>
            <td className="px-2 py-1.5 align-top">
              <p>{f.message}</p>
              <p className="text-xs text-slate-500">Fix: {f.hint}</p>
            </td>
            <td className="px-2 py-1.5 align-top text-xs text-slate-600">{where(f)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
