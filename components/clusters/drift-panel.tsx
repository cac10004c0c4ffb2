"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { DriftItem, DriftKind } from "@/lib/nodes/drift/schema";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Table } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import { Card } from "../ui/page-header";
import { useMessage } from "../ui/use-message";
import { checkDrift, clusterKeys, fetchDrift } from "./queries";

const KIND_KEYS = {
  "conf-edited": "confEdited",
  "conf-missing": "confMissing",
  stopped: "stopped",
  "other-launch": "otherLaunch",
  "unknown-process": "unknownProcess",
  "host-unreachable": "hostUnreachable",
} as const satisfies Record<DriftKind, string>;

const itemKey = (item: DriftItem) => `${item.kind}|${item.hostId}|${item.process ?? item.label}`;

/** The cluster page's drift: in sync with the deployed revision, or what differs on which host; operators check now. */
export function DriftPanel({ clusterId, canCheck }: { clusterId: string; canCheck: boolean }) {
  const t = useTranslations("drift");
  const say = useMessage();
  const queryClient = useQueryClient();
  const key = clusterKeys.drift(clusterId);
  // The worker checks again after every job of the cluster: a stored check is cheap to read again.
  const last = useQuery({ queryKey: key, queryFn: () => fetchDrift(clusterId), refetchInterval: 15_000 });
  const check = useMutation({
    mutationFn: () => checkDrift(clusterId),
    onSuccess: (answer) => queryClient.setQueryData(key, answer),
  });
  const drift = last.data?.drift;
  const error = check.error ?? last.error;

  return (
    <section aria-label={t("panel.region")} data-testid="drift-panel" className="mb-4">
      <Card
        title={t("panel.title")}
        actions={
          canCheck && (
            <Button variant="secondary" onClick={() => check.mutate()} disabled={check.isPending}>
              {check.isPending ? t("panel.checking") : t("panel.checkNow")}
            </Button>
          )
        }
      >
        <div className="space-y-3">
          {error && <Alert>{error.message}</Alert>}
          {drift === null && <p className="text-sm text-slate-600">{t("panel.never")}</p>}
          {drift && (
            <p className="flex flex-wrap items-center gap-1 text-sm text-slate-600" data-testid="drift-summary">
              <Badge tone={drift.inSync ? "good" : "warn"}>
                {drift.inSync
                  ? t("inSync", { revision: String(drift.revision) })
                  : t("panel.differences", { count: drift.items.length, revision: String(drift.revision) })}
              </Badge>
              <span>
                · {t("panel.checked")} <LocalTime at={drift.checkedAt} /> · {t("panel.hostsChecked", { count: drift.hostsChecked })}
              </span>
            </p>
          )}
          {drift && !drift.inSync && (
            <Table
              label={t("panel.table")}
              testId="drift-items"
              rows={drift.items}
              rowKey={itemKey}
              rowData={(item) => ({ "data-kind": item.kind })}
              columns={[
                { key: "host", header: t("panel.columns.host"), value: (item) => item.hostName },
                { key: "process", header: t("panel.columns.process"), value: (item) => item.label, className: "font-mono" },
                { key: "what", header: t("panel.columns.what"), value: (item) => t(`kind.${KIND_KEYS[item.kind]}`) },
                { key: "detail", header: t("panel.columns.detail"), value: (item) => say(item.detail) },
              ]}
            />
          )}
        </div>
      </Card>
    </section>
  );
}
