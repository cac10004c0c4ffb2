/**
 * `npm run bench:deploy`: click-to-healthy time of the seed's two-center topology (2 NameServers, suzhou@broker and
 * shanghai@broker × 3 nodes) on the SSH host lab, from scratch (nothing installed), and the slowest single broker
 * start. "Click" is the moment the deploy job is created (what the Start deployment button does); "healthy" is the
 * job's success, which needs every node registered with both NameServers and one agreed leader per group.
 * Runs against a throwaway embedded PostgreSQL with an in-process worker; stops every JVM it started.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { connectToLabHost } from "../e2e/lab/connect";
import { killRocketmq } from "../e2e/lab/faults";
import { acquireTestLab, releaseTestLab } from "../e2e/lab/test-lease";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { ensureRocketmqDistribution } from "./rocketmq/distribution";

const INSTALL_DIR = "/opt/rmq-bench";

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-bench-deploy-"));
  await fs.chmod(dir, 0o711);
  const server = await startEmbeddedPostgres(dir);
  process.env.DATABASE_URL = server.url;
  process.env.RMQ_PANEL_SECRET ??= randomBytes(32).toString("hex");
  const lab = await acquireTestLab();
  const suzhou = [lab[0], lab[2], lab[6]];
  const shanghai = [lab[3], lab[4], lab[5]];
  const hosts = [...suzhou, ...shanghai];
  let stopWorker: (() => Promise<void>) | null = null;
  try {
    await applyMigrations(server.url);
    await ensureRocketmqDistribution("4.9.3", { log: (line) => console.error(line) });
    await killRocketmq(hosts);
    for (const host of hosts) {
      const session = await connectToLabHost(host);
      await session.run("wiping the bench install", ["rm", "-rf", INSTALL_DIR]);
      await session.close();
    }
    const { db } = await import("../lib/db");
    const { createDeployJob } = await import("../lib/deploy");
    const { JOB_DEFINITIONS } = await import("../lib/jobs/definitions");
    const { startWorker } = await import("../lib/jobs/worker");
    const { labCluster, labInventory } = await import("../lib/deploy/testing/lab-cluster");
    const inventory = await labInventory(hosts, (h) => (suzhou.includes(h) ? "suzhou" : "shanghai"));
    const { clusterId } = await labCluster(inventory, {
      name: "Bench",
      installDir: INSTALL_DIR,
      nameServerHosts: [suzhou[0], shanghai[0]],
      groups: [
        { brokerName: "suzhou@broker", hosts: suzhou },
        { brokerName: "shanghai@broker", hosts: shanghai },
      ],
    });
    const worker = await startWorker({ definitions: JOB_DEFINITIONS, log: () => {} });
    stopWorker = worker.stop;

    const clicked = performance.now();
    const { jobId } = await createDeployJob(inventory.actor, { clusterId, source: { kind: "upload" }, nameServerJvmOptions: "-Xms64m -Xmx128m -Xmn32m" });
    let job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    while (!["succeeded", "failed", "cancelled", "interrupted"].includes(job.state)) {
      await sleep(100);
      job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    }
    const healthySeconds = (performance.now() - clicked) / 1000;
    if (job.state !== "succeeded") throw new Error(`the deploy ended ${job.state}: ${job.error}`);
    const steps = await db.jobStep.findMany({ where: { jobId }, orderBy: { position: "asc" } });
    const span = (action: string) => {
      const own = steps.filter((s) => s.action === action);
      const from = Math.min(...own.map((s) => s.startedAt!.getTime()));
      const to = Math.max(...own.map((s) => s.finishedAt!.getTime()));
      return ((to - from) / 1000).toFixed(1);
    };
    const boots = steps
      .filter((s) => s.action === "start-brokers")
      .flatMap((s) => ((s.detail as { nodes?: { label: string; bootMs: number }[] } | null)?.nodes ?? []).map((n) => ({ ...n, host: s.hostName })));
    const slowest = boots.reduce((a, b) => (b.bootMs > a.bootMs ? b : a));
    console.log(`deploy: click-to-healthy ${healthySeconds.toFixed(1)} s for 2 NameServers + 2 groups × 3 brokers on 6 hosts, from nothing installed`);
    console.log(`deploy: slowest broker start ${(slowest.bootMs / 1000).toFixed(1)} s (${slowest.label} on ${slowest.host}); stages: preflight ${span("preflight")} s, install ${span("install")} s, configure ${span("configure")} s, NameServers ${span("start-namesrv")} s, brokers ${span("start-brokers")} s, verify ${span("verify")} s`);
    await db.$disconnect();
  } finally {
    await stopWorker?.();
    const { closeQueue } = await import("../lib/jobs/queue");
    await closeQueue().catch(() => undefined);
    await killRocketmq(hosts);
    await releaseTestLab();
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
