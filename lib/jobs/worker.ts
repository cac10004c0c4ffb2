import "server-only";
import type { JobDefinition } from "./model";
import { db } from "../db";
import { JOB_QUEUE, type QueuedJob, closeQueue, enqueueJob, queue } from "./queue";
import { runJob } from "./runner";
import { interruptOrphanedJobs, newWorkerId } from "./sweep";

const SWEEP_INTERVAL_MS = 5_000;
// pg-boss polls; half a second is its floor and keeps a click-to-start delay unnoticeable.
const POLL_SECONDS = 0.5;

export interface WorkerOptions {
  definitions: Record<string, JobDefinition>;
  /** Jobs this process runs at once. */
  concurrency?: number;
  log?: (line: string) => void;
  /** Runs after each job this worker ran has ended, without holding the worker or the job (errors are logged). */
  afterJob?: (jobId: string) => Promise<void>;
}

export interface RunningWorker {
  id: string;
  /** Stops taking jobs; running ones are interrupted (resumable), then the queue connection closes. */
  stop: () => Promise<void>;
}

/** The job worker: takes job ids from the queue, runs them, and interrupts jobs whose worker died. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const id = newWorkerId();
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const shutdown = new AbortController();
  const running = new Set<Promise<void>>();

  const sweep = async () => {
    try {
      const interrupted = await interruptOrphanedJobs();
      if (interrupted.length > 0) log(`interrupted ${interrupted.length} job(s) whose worker stopped: ${interrupted.join(", ")}`);
    } catch (error) {
      log(`sweep failed: ${error instanceof Error ? error.message : error}`);
    }
  };
  await sweep();
  const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);

  const boss = await queue({ supervise: true });
  const concurrency = options.concurrency ?? 2;
  for (let i = 0; i < concurrency; i++) {
    await boss.work<QueuedJob>(JOB_QUEUE, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async ([queued]) => {
      if (shutdown.signal.aborted) return;
      const run = runJob(queued.data.jobId, { workerId: id, definitions: options.definitions, shutdown: shutdown.signal });
      running.add(run);
      try {
        await run;
      } finally {
        running.delete(run);
      }
      const ended = queued.data.jobId;
      options.afterJob?.(ended).catch((error) => log(`after job ${ended}: ${error instanceof Error ? error.message : error}`));
    });
  }
  // A job whose queue entry was consumed by a worker that stopped before claiming it would wait forever:
  // sending it again is harmless, since only one run can claim a queued job.
  for (const job of await db.job.findMany({ where: { state: "queued" }, select: { id: true } })) await enqueueJob(job.id);
  log(`worker ${id} ready (${concurrency} job(s) at a time)`);

  return {
    id,
    async stop() {
      clearInterval(sweeper);
      shutdown.abort();
      await Promise.allSettled([...running]);
      await closeQueue();
      log(`worker ${id} stopped`);
    },
  };
}
