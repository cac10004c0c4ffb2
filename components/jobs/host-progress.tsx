"use client";

import { useTranslations } from "next-intl";
import { storedMessage } from "@/lib/i18n/message";
import { useMessage } from "../ui/use-message";
import type { JobStepData } from "./types";

const DONE = new Set(["succeeded", "skipped"]);

/** One bar per host: its finished steps, plus the running step's own progress (the upload). */
export function HostProgress({ steps }: { steps: JobStepData[] }) {
  const t = useTranslations("jobs");
  const say = useMessage();
  const hosts = [...new Set(steps.flatMap((s) => (s.hostName ? [s.hostName] : [])))];
  if (hosts.length === 0) return null;
  const title = (step: JobStepData) => say(storedMessage(step.titleMessage, step.title));
  return (
    <ul aria-label={t("hosts.label")} className="grid gap-2 sm:grid-cols-2">
      {hosts.map((host) => {
        const own = steps.filter((s) => s.hostName === host);
        const done = own.filter((s) => DONE.has(s.state)).length;
        const running = own.find((s) => s.state === "running");
        const failed = own.find((s) => s.state === "failed" || s.state === "interrupted" || s.state === "cancelled");
        const fraction = (done + (running?.progress ?? 0)) / own.length;
        const percent = Math.round(fraction * 100);
        const color = failed ? "bg-red-500" : done === own.length ? "bg-emerald-500" : "bg-indigo-500";
        return (
          <li key={host} className="text-sm">
            <div className="flex justify-between">
              <span className="font-medium">{host}</span>
              <span className="text-xs text-slate-500">
                {failed
                  ? t("hosts.failedStep", { state: t(`states.${failed.state}`), step: title(failed) })
                  : running
                    ? title(running)
                    : t("hosts.stepsDone", { done: String(done), total: String(own.length) })}
              </span>
            </div>
            <div
              role="progressbar"
              aria-label={t("hosts.progressOf", { host })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="mt-1 h-2 rounded bg-slate-200"
            >
              <div className={`h-2 rounded ${color} transition-all`} style={{ width: `${percent}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
