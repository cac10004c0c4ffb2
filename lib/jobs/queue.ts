import "server-only";
import PgBoss from "pg-boss";

// The queue only hands job ids to workers; the job's state lives in our own tables.
// pg-boss keeps its tables in the "pgboss" schema (created on first start, outside Prisma's migrations) and
// fetches with SELECT … FOR UPDATE SKIP LOCKED, so any number of workers can share one database.
export const JOB_QUEUE = "rmq-panel-jobs";

// pg-boss gives up on a job after this long and would hand it to another worker; ours never run that long,
// and a worker that dies is noticed by its heartbeat (see sweep.ts) long before.
const EXPIRE_SECONDS = 4 * 60 * 60;

export interface QueuedJob {
  jobId: string;
}

const globalForQueue = globalThis as unknown as { rmqPanelBoss?: Promise<PgBoss> };

/** The process's pg-boss instance. `supervise` (maintenance) runs in workers only; the web just sends. */
export function queue(options: { supervise?: boolean } = {}): Promise<PgBoss> {
  globalForQueue.rmqPanelBoss ??= (async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set.");
    const boss = new PgBoss({
      connectionString,
      max: 3,
      supervise: options.supervise ?? false,
      schedule: false,
      application_name: "rmq-panel-queue",
    });
    boss.on("error", (error) => console.error(`[queue] ${error.message}`));
    await boss.start();
    await boss.createQueue(JOB_QUEUE, { name: JOB_QUEUE, retryLimit: 0, expireInSeconds: EXPIRE_SECONDS });
    return boss;
  })();
  globalForQueue.rmqPanelBoss.catch(() => (globalForQueue.rmqPanelBoss = undefined));
  return globalForQueue.rmqPanelBoss;
}

/**
 * Creates pg-boss's schema and our queue (both DDL) with a role that may, before web and worker processes start:
 * those log in as a role that may only read and write rows (lib/db/roles.ts).
 */
export async function installQueue(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, max: 1, supervise: false, schedule: false, application_name: "rmq-panel-install" });
  boss.on("error", (error) => console.error(`[queue] ${error.message}`));
  await boss.start();
  try {
    await boss.createQueue(JOB_QUEUE, { name: JOB_QUEUE, retryLimit: 0, expireInSeconds: EXPIRE_SECONDS });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function enqueueJob(jobId: string): Promise<void> {
  const boss = await queue();
  await boss.send(JOB_QUEUE, { jobId } satisfies QueuedJob, { retryLimit: 0, expireInSeconds: EXPIRE_SECONDS });
}

export async function closeQueue(): Promise<void> {
  const pending = globalForQueue.rmqPanelBoss;
  globalForQueue.rmqPanelBoss = undefined;
  if (pending) await (await pending).stop({ graceful: false, wait: true });
}
