import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, inject, it } from "vitest";
import { applyMigrations } from "../db/migrate";

// 20261201010000_step_params_nameserver_jvm moves data: an operation step's process from its key into its params,
// and the NameServer JVM options from the last succeeded deploy job onto the cluster.
const MIGRATION = "20261201010000_step_params_nameserver_jvm";

it("moves an operation step's process into its params and the last succeeded deploy's NameServer options onto the cluster", async () => {
  const adminUrl = inject("pgAdminUrl");
  const name = `rmq_step_params_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const before = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-migrations-"));
  await fs.cp("prisma/migrations", before, { recursive: true });
  await fs.rm(path.join(before, MIGRATION), { recursive: true });
  await applyMigrations(url, before);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "Cluster" (id, name, "brokerClusterName", "rocketmqVersion", "updatedAt") VALUES
        ('deployed', 'Deployed', 'C', '4.9.7', now()), ('never', 'Never', 'C', '4.9.7', now());
      INSERT INTO "Job" (id, kind, title, "clusterId", state, "finishedAt", params) VALUES
        ('d1', 'deploy', 'first', 'deployed', 'succeeded', now() - interval '2 hours', '{"nameServerJvmOptions": "-Xmx1g"}'),
        ('d2', 'deploy', 'second', 'deployed', 'succeeded', now() - interval '1 hour', '{"nameServerJvmOptions": "-Xmx2g"}'),
        ('d3', 'deploy', 'failed', 'deployed', 'failed', now(), '{"nameServerJvmOptions": "-Xmx3g"}'),
        ('r1', 'restart', 'restart', 'deployed', 'failed', now(), '{}');
      INSERT INTO "JobStep" (id, "jobId", key, stage, position, action, title) VALUES
        ('s1', 'd1', 'preflight:h1', 0, 0, 'preflight', 'Preflight'),
        ('s2', 'r1', 'restart:h1/namesrv-9876', 0, 0, 'restart', 'Restart');`);
    await applyMigrations(url);
    const clusters = await client.query(`SELECT id, "deployedNameServerJvmOptions" AS options FROM "Cluster" ORDER BY id`);
    expect(clusters.rows).toEqual([
      { id: "deployed", options: "-Xmx2g" },
      { id: "never", options: null },
    ]);
    const steps = await client.query(`SELECT id, params FROM "JobStep" ORDER BY id`);
    expect(steps.rows).toEqual([
      { id: "s1", params: {} },
      { id: "s2", params: { process: "h1/namesrv-9876" } },
    ]);
  } finally {
    await client.end();
    await fs.rm(before, { recursive: true });
  }
});
