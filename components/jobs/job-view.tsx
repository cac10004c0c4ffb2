"use client";

import { useMutation } from "@tanstack/react-query";
import { useNow } from "../use-now";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/page-header";
import { HostProgress } from "./host-progress";
import { cancelJob, retryJob } from "./queries";
import { LogView } from "./log-view";
import { Timeline } from "./timeline";
import { type JobData, STATE_TONES, TERMINAL_STATES, formatDuration } from "./types";
import { useJobStream } from "./use-job-stream";

/** A job of any kind as it runs: state, per-host progress, the timeline of its steps and its live log. The title comes from the job. */
export function JobView({ initial, canOperate }: { initial: JobData; canOperate: boolean }) {
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
  const retryLabel = snapshot.state === "interrupted" ? "Resume" : snapshot.state === "failed" ? "Retry from failed step" : "Retry";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={STATE_TONES[snapshot.state]}>
          <span data-testid="job-state">{snapshot.state}</span>
        </Badge>
        <span className="text-sm text-slate-600">
          {snapshot.startedAt ? `${formatDuration(snapshot.startedAt, snapshot.finishedAt, now)}` : "waiting for a worker"} · run{" "}
          {snapshot.attempt} · {live ? "live" : "not streaming"}
        </span>
        {canOperate && (
          <div className="ml-auto flex gap-2">
            {(snapshot.state === "queued" || snapshot.state === "running") && (
              <Button variant="danger" disabled={busy || snapshot.cancelRequested} onClick={() => act.mutate("cancel")}>
                {snapshot.cancelRequested ? "Cancelling…" : "Cancel"}
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
      {snapshot.summary && <Alert tone="success">{snapshot.summary}</Alert>}
      {snapshot.error && <Alert tone={snapshot.state === "failed" ? "error" : "warning"}>{snapshot.error}</Alert>}
      {/* A job whose steps all run on the panel (a cluster-wide check) has no host to show progress for. */}
      {snapshot.steps.some((s) => s.hostName) && (
        <Card title="Hosts">
          <HostProgress steps={snapshot.steps} />
        </Card>
      )}
      <Card title="Timeline">
        <Timeline steps={snapshot.steps} startedAt={snapshot.startedAt} finishedAt={snapshot.finishedAt} now={now} />
      </Card>
      <Card title="Log">
        <LogView lines={lines} steps={snapshot.steps} />
      </Card>
    </div>
  );
}
