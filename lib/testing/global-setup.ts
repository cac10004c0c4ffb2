import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations } from "../db/migrate";

declare module "vitest" {
  interface ProvidedContext {
    /** A migrated database made for this test run. */
    databaseUrl: string;
    /** The same server's maintenance database, for tests that need a database of their own. */
    pgAdminUrl: string;
  }
}

/** One real PostgreSQL server per test run, in a throwaway folder, with a freshly migrated database. */
export default async function setup(project: TestProject) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-panel-test-pg-"));
  // Any free port: two test runs on one machine must not race for 5432.
  const server = await startEmbeddedPostgres(dir, { preferredPort: 0 });
  const adminUrl = server.url.replace(/\/[^/]+$/, "/postgres");
  const databaseUrl = await createMigratedDatabase(adminUrl, "rmq_test");
  project.provide("databaseUrl", databaseUrl);
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}

export async function createMigratedDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  await applyMigrations(url);
  return url;
}
