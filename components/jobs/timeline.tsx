"use client";

import { useTranslations } from "next-intl";
import { Badge } from "../ui/badge";
import { storedMessage } from "@/lib/i18n/message";
import { Table } from "../ui/data-table";
import { useMessage } from "../ui/use-message";
import { type JobStepData, STATE_TONES } from "./types";
import { useDuration } from "./use-duration";

const BAR_COLORS: Record<string, string> = {
  succeeded: "bg-emerald-500",
  running: "bg-indigo-500 animate-pulse",
  failed: "bg-red-500",
  cancelled: "bg-amber-500",
  interrupted: "bg-amber-500",
};

/** Every step on one time axis, from the job's start to its end (or now). */
export function Timeline({
  steps,
  startedAt,
  finishedAt,
  now,
}: {
  steps: JobStepData[];
  startedAt: string | null;
  finishedAt: string | null;
  now: number;
}) {
  const t = useTranslations("jobs");
  const say = useMessage();
  const duration = useDuration();
  const start = startedAt ? Date.parse(startedAt) : now;
  const end = Math.max(finishedAt ? Date.parse(finishedAt) : now, start + 1000);
  const position = (iso: string | null, fallback: number) => (((iso ? Date.parse(iso) : fallback) - start) / (end - start)) * 100;
  return (
    <Table<JobStepData>
      label={t("timeline.label")}
      rows={steps}
      rowKey={(step) => step.id}
      rowData={(step) => ({ "data-step": step.key })}
      columns={[
        {
          key: "step",
          header: t("timeline.step"),
          value: (step) => say(storedMessage(step.titleMessage, step.title)),
          render: (step) => (
            <>
              {say(storedMessage(step.titleMessage, step.title))}
              {step.changed === false && step.state === "succeeded" && (
                <span className="ml-1 text-xs text-slate-500">{t("timeline.noChange")}</span>
              )}
              {step.error && <p className="text-xs text-red-700">{say(storedMessage(step.errorMessage, step.error))}</p>}
            </>
          ),
        },
        {
          key: "state",
          header: t("timeline.state"),
          value: (step) => t(`states.${step.state}`),
          render: (step) => (
            <>
              <Badge tone={STATE_TONES[step.state]}>{t(`states.${step.state}`)}</Badge>
              {step.exitCode !== null && step.state === "failed" && (
                <span className="ml-1 text-xs text-slate-500">{t("timeline.exit", { code: String(step.exitCode) })}</span>
              )}
            </>
          ),
        },
        {
          key: "time",
          header: t("timeline.time"),
          value: (step) => duration(step.startedAt, step.finishedAt, now),
          render: (step) => <span className="text-xs text-slate-600">{duration(step.startedAt, step.finishedAt, now)}</span>,
        },
        {
          key: "timeline",
          header: t("timeline.bar"),
          className: "w-1/2",
          value: () => null,
          render: (step) => {
            if (!step.startedAt) return null;
            const left = Math.max(0, position(step.startedAt, now));
            const right = Math.min(100, position(step.finishedAt, now));
            return (
              <div className="relative h-3 rounded bg-slate-100">
                <div
                  className={`absolute h-3 rounded ${BAR_COLORS[step.state] ?? "bg-slate-400"}`}
                  style={{ left: `${left}%`, width: `${Math.max(0.5, right - left)}%` }}
                />
              </div>
            );
          },
        },
      ]}
    />
  );
}
