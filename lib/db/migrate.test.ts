import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createMigratedDatabase } from "../testing/global-setup";
import { applyMigrations, readMigrations } from "./migrate";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations runner", () => {
  it("records every migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const url = inject("databaseUrl");
    const migrations = await readMigrations();
    const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i].checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(inject("databaseUrl"))).toEqual([]);
  });

  it("lets two instances migrate the same fresh database at once without a race", async () => {
    const adminUrl = inject("pgAdminUrl");
    const name = `rmq_race_${Date.now()}`;
    await query(adminUrl, `CREATE DATABASE "${name}"`);
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    const total = (await readMigrations()).length;
    expect(a.length + b.length).toBe(total);
    const rows = await query(url, `SELECT id FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(total);
  });

  it("refuses a migration edited after it was applied, naming it", async () => {
    const url = await createMigratedDatabase(inject("pgAdminUrl"), "rmq_edited");
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-migrations-"));
    await fs.cp("prisma/migrations", dir, { recursive: true });
    const [first] = await readMigrations(dir);
    await fs.appendFile(path.join(dir, first.name, "migration.sql"), "\n-- edited\n");
    await expect(applyMigrations(url, dir)).rejects.toThrow(new RegExp(`${first.name} was edited after it was applied`));
    await fs.rm(dir, { recursive: true });
  });

  it("rolls back a failing migration completely and reports it", async () => {
    const url = await createMigratedDatabase(inject("pgAdminUrl"), "rmq_failing");
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-migrations-"));
    await fs.cp("prisma/migrations", dir, { recursive: true });
    await fs.mkdir(path.join(dir, "99990101000000_broken"));
    await fs.writeFile(
      path.join(dir, "99990101000000_broken", "migration.sql"),
      `CREATE TABLE "Half" (id int);\nSELECT no_such_function();`,
    );
    await expect(applyMigrations(url, dir)).rejects.toThrow(/99990101000000_broken failed and was rolled back/);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)).toHaveLength(0);
    expect(await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`)).toHaveLength(0);
    await fs.rm(dir, { recursive: true });
  });
});
