"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { Card } from "../ui/page-header";
import { LocalTime } from "../ui/local-time";
import { DiffView } from "./diff-view";
import { clusterKeys, compareRevisions, fetchRevisions, markDesired, type RevisionRow } from "./queries";

interface Props {
  clusterId: string;
  initial: RevisionRow[];
  desiredNumber: number | null;
  canEdit: boolean;
}

export function RevisionHistory({ clusterId, initial, desiredNumber, canEdit }: Props) {
  const t = useTranslations("revisions");
  const router = useRouter();
  const queryClient = useQueryClient();
  const key = clusterKeys.revisions(clusterId);
  const { data: revisions = initial } = useQuery({ queryKey: key, queryFn: () => fetchRevisions(clusterId), initialData: initial });
  const [from, setFrom] = useState<number | "">(revisions[1]?.number ?? "");
  const [to, setTo] = useState<number | "">(revisions[0]?.number ?? "");
  const compare = useQuery({
    queryKey: clusterKeys.compare(clusterId, from, to),
    queryFn: () => compareRevisions(clusterId, from, to),
    enabled: to !== "",
  });
  const desire = useMutation({
    mutationFn: (number: number) => markDesired(clusterId, number),
    onSuccess: () => {
      router.refresh();
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });

  return (
    <div className="space-y-6">
      {desire.error && <Alert>{desire.error.message}</Alert>}
      <DataTable
        label={t("table")}
        rows={revisions}
        rowKey={(r) => r.id}
        emptyText={t("empty")}
        columns={[
          { key: "number", header: "#", value: (r) => r.number },
          { key: "note", header: t("columns.note"), value: (r) => r.note },
          { key: "by", header: t("columns.by"), value: (r) => r.createdBy?.username ?? "—" },
          { key: "at", header: t("columns.saved"), value: (r) => r.createdAt, render: (r) => <LocalTime at={r.createdAt} /> },
          {
            key: "warnings",
            header: t("columns.warnings"),
            value: (r) => (r.lint as { counts?: { warning?: number } }).counts?.warning ?? 0,
          },
          {
            key: "desired",
            header: t("columns.state"),
            value: (r) => (r.number === desiredNumber ? t("desired") : ""),
            render: (r) =>
              r.number === desiredNumber ? (
                <Badge tone="good">{t("desired")}</Badge>
              ) : canEdit ? (
                <Button
                  variant="secondary"
                  onClick={() => desire.mutate(r.number)}
                  aria-label={t("markLabel", { number: String(r.number) })}
                >
                  {t("mark")}
                </Button>
              ) : null,
          },
        ]}
      />
      {revisions.length > 0 && (
        <Card title={t("compare.title")}>
          <div className="mb-3 flex items-center gap-2 text-sm">
            <select
              aria-label={t("compare.from")}
              value={from}
              onChange={(e) => setFrom(e.target.value ? Number(e.target.value) : "")}
              className="rounded border border-slate-300 px-1 py-1"
            >
              <option value="">{t("compare.nothing")}</option>
              {revisions.map((r) => (
                <option key={r.id} value={r.number}>
                  #{r.number}
                </option>
              ))}
            </select>
            →
            <select
              aria-label={t("compare.to")}
              value={to}
              onChange={(e) => setTo(Number(e.target.value))}
              className="rounded border border-slate-300 px-1 py-1"
            >
              {revisions.map((r) => (
                <option key={r.id} value={r.number}>
                  #{r.number}
                </option>
              ))}
            </select>
          </div>
          {compare.error && <Alert>{compare.error.message}</Alert>}
          {compare.data && <DiffView diffs={compare.data} />}
        </Card>
      )}
    </div>
  );
}
