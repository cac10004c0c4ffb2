"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { storedMessage } from "@/lib/i18n/message";
import { useNow } from "../use-now";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/page-header";
import { useMessage } from "../ui/use-message";
import { DrainControls } from "./drain-controls";
import { HostProgress } from "./host-progress";
import { cancelJob, retryJob } from "./queries";
import { LogView } from "./log-view";
import { Timeline } from "./timeline";
import { type JobData, STATE_TONES, TERMINAL_STATES } from "./types";
import { useJobStream } from "./use-job-stream";
import { useDuration } from "./use-duration";

/** A job of any kind as it runs: state, per-host progress, the timeline of its steps and its live log. The title comes from the job. */
export function JobView({ initial, canOperate }: { initial: JobData; canOperate: boolean }) {
  const t = useTranslations("jobs");
  const say = useMessage();
  const duration = useDuration();
  const { snapshot, lines, live, reconnect } = useJobStream(initial.id, initial);
  // Ticks while the job runs, so durations and the timeline move; until the browser's clock is read, the job's own
  // latest time stands in, the same on the server and in the browser.
  const clock = useNow(TERMINAL_STATES.includes(snapshot.state) ? null : 1_000);
  const now = clock ?? Date.parse(snapshot.finishedAt ?? snapshot.startedAt ?? initial.createdAt);

  const act = useMutation({
    mutationFn: (action: "cancel" | "retry") => (action === "cancel" ? cancelJob(initial.id) : retryJob(initial.id)),
    onSuccess: (_, action) => {
      if (action === "retry") reconnect();
    },
  });
  const busy = act.isPending;
  const retryLabel = t(snapshot.state === "interrupted" ? "view.resume" : snapshot.state === "failed" ? "view.retryFailed" : "view.retry");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={STATE_TONES[snapshot.state]}>
          <span data-testid="job-state" data-state={snapshot.state}>
            {t(`states.${snapshot.state}`)}
          </span>
        </Badge>
        <span className="text-sm text-slate-600">
          {snapshot.startedAt ? duration(snapshot.startedAt, snapshot.finishedAt, now) : t("view.waiting")} ·{" "}
          {t("view.run", { attempt: String(snapshot.attempt) })} · {t(live ? "view.live" : "view.notStreaming")}
        </span>
        {canOperate && (
          <div className="ml-auto flex gap-2">
            {(snapshot.state === "queued" || snapshot.state === "running") && (
              <Button variant="danger" disabled={busy || snapshot.cancelRequested} onClick={() => act.mutate("cancel")}>
                {t(snapshot.cancelRequested ? "view.cancelling" : "view.cancel")}
              </Button>
            )}
            {["failed", "cancelled", "interrupted"].includes(snapshot.state) && (
              <Button disabled={busy} onClick={() => act.mutate("retry")}>
                {retryLabel}
              </Button>
            )}
          </div>
        )}
      </div>
      {act.error && <Alert>{act.error.message}</Alert>}
      {snapshot.summary && <Alert tone="success">{say(storedMessage(snapshot.summaryMessage, snapshot.summary))}</Alert>}
      {snapshot.error && (
        <Alert tone={snapshot.state === "failed" ? "error" : "warning"}>{say(storedMessage(snapshot.errorMessage, snapshot.error))}</Alert>
      )}
      <DrainControls jobId={initial.id} steps={snapshot.steps} canOperate={canOperate} />
      {/* A job whose steps all run on the panel (a cluster-wide check) has no host to show progress for. */}
      {snapshot.steps.some((s) => s.hostName) && (
        <Card title={t("view.hosts")}>
          <HostProgress steps={snapshot.steps} />
        </Card>
      )}
      <Card title={t("view.timeline")}>
        <Timeline steps={snapshot.steps} startedAt={snapshot.startedAt} finishedAt={snapshot.finishedAt} now={now} />
      </Card>
      <Card title={t("view.log")}>
        <LogView lines={lines} steps={snapshot.steps} />
      </Card>
    </div>
  );
}
