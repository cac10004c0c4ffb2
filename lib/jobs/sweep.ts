import "server-only";
import os from "node:os";
import { db } from "../db";
import { message } from "../i18n/message";
import { english } from "../i18n/translate";
import { notifyJobChanged } from "./notify";
import { appendJobNote, messageColumn } from "./store";

// A running job's worker writes a heartbeat every second; this long without one means it is gone
// (killed, its machine lost, or cut off from the database).
const STALE_AFTER_SECONDS = 20;

/** "host:pid:random": enough to tell, on the same machine, whether the worker process still exists. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

function diedOnThisMachine(workerId: string | null): boolean {
  if (!workerId) return false;
  const [host, pid] = workerId.split(":");
  if (host !== os.hostname() || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Marks as interrupted every running job whose worker is gone: at once when it was a process on this machine
 * that no longer exists, otherwise after its heartbeat went stale. The logs stay; the job can be resumed.
 */
export async function interruptOrphanedJobs(): Promise<string[]> {
  const running = await db.$queryRaw<{ id: string; workerId: string | null; stale: boolean }[]>`
    SELECT id, "workerId", ("heartbeatAt" IS NULL OR "heartbeatAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => ${STALE_AFTER_SECONDS}))
      AS stale
    FROM "Job" WHERE state = 'running'`;
  const orphaned = running.filter((job) => job.stale || diedOnThisMachine(job.workerId));
  const interrupted: string[] = [];
  for (const job of orphaned) {
    const worker = String(job.workerId);
    const error = message("jobs.error.workerStopped", { worker });
    const done = await db.$transaction(async (tx) => {
      const changed = await tx.job.updateMany({
        where: { id: job.id, state: "running", workerId: job.workerId },
        data: {
          state: "interrupted",
          finishedAt: new Date(),
          error: english(error),
          errorMessage: messageColumn(error),
        },
      });
      if (changed.count === 0) return false;
      await tx.jobStep.updateMany({ where: { jobId: job.id, state: "running" }, data: { state: "interrupted", finishedAt: new Date() } });
      await appendJobNote(tx, job.id, message("jobLog.workerStopped", { worker }));
      return true;
    });
    if (done) {
      interrupted.push(job.id);
      await notifyJobChanged(job.id);
    }
  }
  return interrupted;
}
