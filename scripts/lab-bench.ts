/**
 * What the lab benchmarks share: a throwaway embedded PostgreSQL with the migrations applied, the lab hosts they use
 * leased and wiped of an earlier run's install folder, an in-process job worker, and everything stopped afterwards,
 * every JVM included, whatever the benchmark did.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { connectToLabHost } from "../lib/testing/lab/connect";
import { killRocketmq } from "../lib/testing/lab/faults";
import type { LabHost } from "../lib/testing/lab/hosts";
import { acquireTestLab, releaseTestLab } from "../lib/testing/lab/test-lease";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";

export interface LabBenchOptions {
  name: string;
  installDir: string;
  /** The lab hosts the benchmark uses, from all of them. */
  pick: (lab: LabHost[]) => LabHost[];
}

/** Runs `bench` with the hosts it picked, then exits the process (0, or 1 with the error printed). */
export async function runLabBench(options: LabBenchOptions, bench: (hosts: LabHost[]) => Promise<void>): Promise<never> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `rmq-bench-${options.name}-`));
  let code = 0;
  try {
    await fs.chmod(dir, 0o711);
    const server = await startEmbeddedPostgres(dir);
    process.env.DATABASE_URL = server.url;
    process.env.RMQ_PANEL_SECRET ??= randomBytes(32).toString("hex");
    const hosts = options.pick(await acquireTestLab());
    let stopWorker: (() => Promise<void>) | null = null;
    try {
      await applyMigrations(server.url);
      await ensureRocketmqDistribution("4.9.3", { log: (line) => console.error(line) });
      await killRocketmq(hosts);
      for (const host of hosts) {
        const session = await connectToLabHost(host);
        await session.run("wiping the bench install", ["rm", "-rf", options.installDir]);
        await session.close();
      }
      // lib/ reads DATABASE_URL when first imported: only now.
      const { JOB_DEFINITIONS } = await import("../lib/worker/job-definitions");
      const { startWorker } = await import("../lib/jobs/worker");
      stopWorker = (await startWorker({ definitions: JOB_DEFINITIONS, log: () => {} })).stop;
      await bench(hosts);
      const { db } = await import("../lib/db");
      await db.$disconnect();
    } finally {
      await stopWorker?.();
      const { closeQueue } = await import("../lib/jobs/queue");
      await closeQueue().catch(() => undefined);
      await killRocketmq(hosts);
      await releaseTestLab();
      await server.stop();
    }
  } catch (error) {
    console.error(error);
    code = 1;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  process.exit(code);
}
