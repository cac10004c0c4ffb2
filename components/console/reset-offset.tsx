"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { ResetOffsetPlan, ResetOffsetQueue, ResetOffsetResult } from "@/lib/console/schema";
import { resetOffsetSchema } from "@/lib/console/schema";
import { safeParseIn } from "@/lib/i18n/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Table } from "../ui/data-table";
import { SelectField, TextField } from "../ui/field";
import { useLanguage } from "../ui/use-language";
import { useCount } from "./format";
import { consoleKeys, previewReset, type ResetOffsetRequest, resetOffset } from "./queries";
import { localToIso } from "./time-range";

type Target = "timestamp" | "earliest" | "latest";

/**
 * Moves a group's offsets on one topic (operators): the server previews the new offset of every queue and the lag
 * after (changing nothing), and only the confirm button resets. It says whether consumers are online to take it.
 */
export function ResetOffsetDialog({
  clusterId,
  group,
  topics,
  onClose,
}: {
  clusterId: string;
  group: string;
  topics: string[];
  onClose: () => void;
}) {
  const t = useTranslations("console.reset");
  const tc = useTranslations("common");
  const language = useLanguage();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [topic, setTopic] = useState(topics[0] ?? "");
  const [target, setTarget] = useState<Target>("timestamp");
  const [at, setAt] = useState("");

  const candidate: ResetOffsetRequest = {
    topic,
    to: target === "timestamp" ? { kind: "timestamp", at: localToIso(at) ?? "" } : { kind: target },
  };
  const checked = safeParseIn(resetOffsetSchema, candidate, language);
  const request = checked.success ? candidate : null;
  // Nothing to complain about before there is a topic to reset, or while the time is still empty.
  const problem =
    checked.success || topics.length === 0 || (target === "timestamp" && !at) ? null : (checked.error.issues[0]?.message ?? null);

  // A plan describes the group as it is now: never cached, never retried behind the user's back.
  const preview = useQuery({
    queryKey: consoleKeys.resetPreview(clusterId, group, request),
    queryFn: () => previewReset(clusterId, group, request as ResetOffsetRequest),
    enabled: request !== null,
    staleTime: 0,
    gcTime: 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const apply = useMutation({
    mutationFn: (r: ResetOffsetRequest) => resetOffset(clusterId, group, r),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKeys.all(clusterId) }),
  });
  const plan = preview.isPlaceholderData ? undefined : preview.data;
  const shown: ResetOffsetPlan | ResetOffsetResult | undefined = apply.data ?? preview.data;
  const busy = apply.isPending;

  useLayoutEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  return createPortal(
    <dialog
      ref={dialog}
      aria-label={t("title", { group })}
      data-testid="reset-dialog"
      onClose={onClose}
      onCancel={(e) => busy && e.preventDefault()}
      className="m-auto max-h-[90vh] w-[min(56rem,95vw)] flex-col open:flex rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">{t("title", { group })}</h2>
      <div className="min-h-0 flex-1 space-y-4 overflow-auto px-5 py-4">
        <div className="grid grid-cols-3 gap-3">
          <SelectField label={t("topic")} name="reset-topic" value={topic} onValue={setTopic} disabled={!!apply.data}>
            {topics.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("to")} name="reset-to" value={target} onValue={(v) => setTarget(v as Target)} disabled={!!apply.data}>
            <option value="timestamp">{t("target.timestamp")}</option>
            <option value="earliest">{t("target.earliest")}</option>
            <option value="latest">{t("target.latest")}</option>
          </SelectField>
          {target === "timestamp" && (
            <TextField
              label={t("at")}
              name="reset-at"
              type="datetime-local"
              step={1}
              value={at}
              onValue={setAt}
              error={problem ?? undefined}
              disabled={!!apply.data}
            />
          )}
        </div>
        {target !== "timestamp" && problem && <Alert>{problem}</Alert>}
        {topics.length === 0 && <Alert tone="info">{t("noTopics")}</Alert>}
        {preview.isFetching && !shown && <p className="text-sm text-slate-600">{t("planning")}</p>}
        {preview.error && <Alert>{preview.error.message}</Alert>}
        {shown && <PlanView plan={shown} />}
      </div>
      <div className="space-y-3 border-t border-slate-200 px-5 py-3">
        {apply.error && <Alert>{apply.error.message}</Alert>}
        {apply.data && (
          <div data-testid="reset-result">
            <Alert tone="success">{apply.data.applied === "pushed" ? t("pushed", { clients: apply.data.clients }) : t("written")}</Alert>
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" disabled={busy} onClick={() => dialog.current?.close()}>
            {apply.data ? t("close") : tc("cancel")}
          </Button>
          {!apply.data && (
            <Button disabled={!plan || preview.isFetching || busy || request === null} onClick={() => request && apply.mutate(request)}>
              {t("confirm", { topic })}
            </Button>
          )}
        </div>
      </div>
    </dialog>,
    document.body,
  );
}

function PlanView({ plan }: { plan: ResetOffsetPlan }) {
  const t = useTranslations("console.reset");
  const count = useCount();
  return (
    <div className="space-y-3" data-testid="reset-plan">
      <div data-testid="reset-consumers">
        {plan.online ? <Alert tone="info">{t("online", { clients: plan.clients })}</Alert> : <Alert tone="warning">{t("offline")}</Alert>}
      </div>
      <p className="text-sm" data-testid="reset-lag">
        {t("lagChange", { before: count(plan.lagBefore), after: count(plan.lagAfter) })}
      </p>
      <Table<ResetOffsetQueue>
        label={t("queues")}
        rows={plan.queues}
        rowKey={(q) => `${q.brokerName}/${q.queueId}`}
        emptyText={t("noQueues")}
        columns={[
          {
            key: "group",
            header: t("columns.group"),
            value: (q) => q.brokerName,
            render: (q) => <span className="font-mono">{q.brokerName}</span>,
          },
          { key: "queue", header: t("columns.queue"), value: (q) => q.queueId },
          {
            key: "broker",
            header: t("columns.brokerOffset"),
            value: (q) => q.brokerOffset,
            render: (q) => count(q.brokerOffset),
            className: "text-right",
          },
          {
            key: "offset",
            header: t("columns.offset"),
            value: (q) => q.newOffset,
            render: (q) => t("change", { before: count(q.currentOffset), after: count(q.newOffset) }),
            className: "text-right",
          },
          {
            key: "lag",
            header: t("columns.lag"),
            value: (q) => q.lagAfter,
            render: (q) => t("change", { before: count(q.lagBefore), after: count(q.lagAfter) }),
            className: "text-right",
          },
        ]}
      />
    </div>
  );
}
