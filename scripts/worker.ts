/**
 * `npm run worker`: one more job worker (and topology poller, and console index) for a panel whose web server runs elsewhere (or here, under `npm start`,
 * which already starts one). Workers share the database's queue: start as many as the machines allow.
 * Uses DATABASE_URL, or the embedded PostgreSQL that `npm start` runs from the same data folder (as its app role).
 */
import path from "node:path";
import { dataDir } from "../lib/config/paths";
import { DEFAULT_INDEX_INTERVAL_MS, startConsoleIndex } from "../lib/console/index";
import { embeddedDatabaseUrl } from "../lib/db/embedded";
import { refreshDriftAfterJob } from "../lib/worker/after-job";
import { JOB_DEFINITIONS } from "../lib/worker/job-definitions";
import { startWorker } from "../lib/jobs/worker";
import { startTopologyPollers } from "../lib/topology/run-pollers";

const log = (line: string) => console.log(`[worker] ${line}`);

async function main() {
  if (!process.env.DATABASE_URL) {
    const url = await embeddedDatabaseUrl(path.join(dataDir(), "postgres"));
    if (!url)
      throw new Error(
        `DATABASE_URL is not set and no embedded PostgreSQL with an app role was set up in ${dataDir()}; run \`npm start\` first (it sets both up) or set DATABASE_URL.`,
      );
    process.env.DATABASE_URL = url;
  }
  const concurrency = Number(process.env.RMQ_PANEL_WORKER_CONCURRENCY ?? 2);
  const intervalMs = Number(process.env.RMQ_PANEL_CONSOLE_INDEX_MS || DEFAULT_INDEX_INTERVAL_MS);
  if (!Number.isInteger(intervalMs) || intervalMs < 500)
    throw new Error("RMQ_PANEL_CONSOLE_INDEX_MS must be a whole number of ms, at least 500");
  const worker = await startWorker({ definitions: JOB_DEFINITIONS, concurrency, log, afterJob: refreshDriftAfterJob });
  const pollers = await startTopologyPollers({ log: (line) => log(`topology: ${line}`) });
  // The console's topic and group lists, for the clusters this worker polls.
  const index = startConsoleIndex({ pollers, intervalMs, log: (line) => log(`console index: ${line}`) });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // The index first: its refreshes store under the pollers' lease.
    await index.stop();
    await Promise.all([worker.stop(), pollers.stop()]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(`[worker] failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
