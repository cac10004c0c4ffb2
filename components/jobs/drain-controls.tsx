"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { storedMessage } from "@/lib/i18n/message";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useMessage } from "../ui/use-message";
import { stopWaiting } from "./queries";
import type { JobStepData } from "./types";

/**
 * A decommission step reports its drain as progress in [0, 1) while it waits for every consumer group to read the
 * group empty (its log says who still lags); 1 once the drain is over.
 */
const isDraining = (step: JobStepData) =>
  step.action === "decommission" && step.state === "running" && step.progress !== null && step.progress < 1;

/** The drain of each decommission step that waits for its consumers, and for operators the audited "stop waiting". */
export function DrainControls({ jobId, steps, canOperate }: { jobId: string; steps: JobStepData[]; canOperate: boolean }) {
  const draining = steps.filter(isDraining);
  if (draining.length === 0) return null;
  return (
    <div className="space-y-2">
      {draining.map((step) => (
        <Drain key={step.id} jobId={jobId} step={step} canOperate={canOperate} />
      ))}
    </div>
  );
}

function Drain({ jobId, step, canOperate }: { jobId: string; step: JobStepData; canOperate: boolean }) {
  const t = useTranslations("lifecycle.stopWaiting");
  const say = useMessage();
  const [confirming, setConfirming] = useState(false);
  const stop = useMutation({ mutationFn: () => stopWaiting(jobId, step.key), onSuccess: () => setConfirming(false) });
  const title = say(storedMessage(step.titleMessage, step.title));
  const percent = Math.round((step.progress ?? 0) * 100);
  return (
    <section
      aria-label={t("label", { step: title })}
      data-testid="drain"
      data-step={step.key}
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
    >
      <div className="flex items-center gap-3">
        <span className="font-medium">{title}</span>
        <div
          role="progressbar"
          aria-label={t("label", { step: title })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-2 flex-1 rounded bg-amber-100"
        >
          <div className="h-2 rounded bg-amber-500 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <span className="text-xs">{percent}%</span>
        {canOperate && !confirming && !stop.isSuccess && (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {t("button")}
          </Button>
        )}
      </div>
      {confirming && (
        <fieldset aria-label={t("button")} className="space-y-2">
          <p className="text-amber-950">{t("confirm")}</p>
          <div className="flex gap-2">
            <Button variant="danger" disabled={stop.isPending} onClick={() => stop.mutate()}>
              {t("go")}
            </Button>
            <Button variant="secondary" disabled={stop.isPending} onClick={() => setConfirming(false)}>
              {t("back")}
            </Button>
          </div>
        </fieldset>
      )}
      {stop.isSuccess && <Alert tone="info">{t("sent")}</Alert>}
      {stop.error && <Alert>{stop.error.message}</Alert>}
    </section>
  );
}
