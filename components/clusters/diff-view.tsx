import { useTranslations } from "next-intl";
import type { FileDiff } from "@/lib/design";
import { Badge } from "../ui/badge";

const LINE_STYLE = { add: "bg-emerald-50 text-emerald-900", remove: "bg-red-50 text-red-900", equal: "text-slate-500" } as const;
const MARK = { add: "+", remove: "-", equal: " " } as const;

/** Per-file line diff: changed files open, added and removed ones folded (their content is in the file preview). */
export function DiffView({ diffs }: { diffs: FileDiff[] }) {
  const t = useTranslations("revisions.diff");
  const changed = diffs.filter((d) => d.change !== "unchanged");
  if (changed.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <div className="space-y-4" data-testid="revision-diff">
      {changed.map((d) => (
        <details key={d.path} open={d.change === "changed"} className="rounded border border-slate-200">
          <summary className="cursor-pointer bg-slate-50 px-2 py-1 font-mono text-xs">
            {d.path} <Badge tone={d.change === "removed" ? "bad" : d.change === "added" ? "good" : "warn"}>{t(d.change)}</Badge>{" "}
            <span className="text-emerald-700">+{d.added}</span> <span className="text-red-700">-{d.removed}</span>
          </summary>
          <pre className="overflow-x-auto text-xs leading-5">
            {d.lines.map((line, i) => (
              <div key={i} className={LINE_STYLE[line.op]}>
                {MARK[line.op]} {line.text}
              </div>
            ))}
          </pre>
        </details>
      ))}
    </div>
  );
}
