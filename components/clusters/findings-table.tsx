"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { Finding } from "@/lib/design";
import { Badge } from "../ui/badge";
import { Table } from "../ui/data-table";
import { useMessage } from "../ui/use-message";

const TONE = { error: "bad", warning: "warn", info: "info" } as const;

/**
 * Lint findings, most severe first, each with how to fix it; `action` puts what the panel can do about a finding
 * in its row (the upgrade off a vulnerable release).
 */
export function FindingsTable({ findings, action }: { findings: Finding[]; action?: (finding: Finding) => ReactNode }) {
  const t = useTranslations("findings");
  const tl = useTranslations("lifecycle");
  const say = useMessage();
  // Findings saved before the linter spoke through the catalog have their English text only.
  const message = (f: Finding) => say(f.text ?? f.message);
  const hint = (f: Finding) => say(f.hintText ?? f.hint);
  const where = (f: Finding) => {
    const { group, node, host, key, file } = f.location;
    return [file, group, node && t("where.node", { node }), host && t("where.host", { host }), key && t("where.key", { key })]
      .filter(Boolean)
      .join(" · ");
  };
  if (findings.length === 0) return <p className="text-sm text-emerald-700">{t("none")}</p>;
  return (
    <Table<Finding>
      label={t("table")}
      rows={findings}
      rowKey={(f) => `${f.ruleId}-${findings.indexOf(f)}`}
      rowData={(f) => ({ "data-severity": f.severity })}
      columns={[
        {
          key: "severity",
          header: t("columns.severity"),
          value: (f) => f.severity,
          render: (f) => <Badge tone={TONE[f.severity]}>{t(`severity.${f.severity}`)}</Badge>,
        },
        {
          key: "rule",
          header: t("columns.rule"),
          value: (f) => f.ruleId,
          render: (f) => <span className="font-mono text-xs">{f.ruleId}</span>,
        },
        {
          key: "finding",
          header: t("columns.finding"),
          value: message,
          render: (f) => (
            <>
              <p>{message(f)}</p>
              <p className="text-xs text-slate-500">{t("fix", { hint: hint(f) })}</p>
            </>
          ),
        },
        {
          key: "where",
          header: t("columns.where"),
          value: where,
          render: (f) => <span className="text-xs text-slate-600">{where(f)}</span>,
        },
        ...(action ? [{ key: "action", header: tl("findingAction"), value: () => null, render: action }] : []),
      ]}
    />
  );
}
