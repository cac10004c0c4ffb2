import { randomBytes } from "node:crypto";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createMigratedDatabase } from "../testing/global-setup";
import { installQueue } from "../jobs/queue";
import { ensureAppRole, grantAppPrivileges } from "./roles";

// The test server is started by lib/db/embedded.ts (lib/testing/global-setup.ts), so its pg_hba.conf is ours.
const role = `rmq_app_test_${randomBytes(4).toString("hex")}`;
const password = randomBytes(18).toString("base64url");
let ownerUrl: string;
let appUrl: string;
let app: pg.Client;

const sqlState = (promise: Promise<unknown>) =>
  promise.then(
    () => "succeeded",
    (error: { code?: string }) => error.code,
  );

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

beforeAll(async () => {
  ownerUrl = await createMigratedDatabase(inject("pgAdminUrl"), "rmq_roles");
  await installQueue(ownerUrl);
  await ensureAppRole(ownerUrl, role, password);
  await grantAppPrivileges(ownerUrl, role);
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  appUrl = url.toString();
  app = await connect(appUrl);
});

afterAll(async () => {
  await app?.end();
});

describe("the app role", () => {
  it("is a plain login: no superuser, no CREATEDB or CREATEROLE, a SCRAM password", async () => {
    const owner = await connect(ownerUrl);
    const { rows } = await owner.query(
      "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin, rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = $1",
      [role],
    );
    await owner.end();
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      rolcanlogin: true,
      scram: true,
    });
  });

  it("reads and writes rows", async () => {
    const code = `roles-${randomBytes(3).toString("hex")}`;
    await app.query(`INSERT INTO "Datacenter" (id, name, code, "updatedAt") VALUES (gen_random_uuid(), 'Roles test', $1, now())`, [code]);
    expect((await app.query(`UPDATE "Datacenter" SET description = 'x' WHERE code = $1`, [code])).rowCount).toBe(1);
    expect((await app.query(`DELETE FROM "Datacenter" WHERE code = $1`, [code])).rowCount).toBe(1);
  });

  it("cannot change the schema, the revision immutability trigger or the migration history", async () => {
    expect(await sqlState(app.query(`ALTER TABLE "Datacenter" ADD COLUMN sneaky int`))).toBe("42501");
    expect(await sqlState(app.query(`ALTER TABLE "ClusterRevision" DISABLE TRIGGER "ClusterRevision_immutable"`))).toBe("42501");
    expect(await sqlState(app.query(`DROP TRIGGER "ClusterRevision_immutable" ON "ClusterRevision"`))).toBe("42501");
    expect(await sqlState(app.query(`SET session_replication_role = replica`))).toBe("42501");
    expect(await sqlState(app.query(`TRUNCATE "AuditEvent"`))).toBe("42501");
    expect(await sqlState(app.query(`CREATE TABLE public.sneaky (id int)`))).toBe("42501");
    expect(await sqlState(app.query(`SELECT * FROM "_prisma_migrations"`))).toBe("42501");
    expect(await sqlState(app.query(`CREATE ROLE sneaky`))).toBe("42501");
  });

  it("can use tables a later migration adds (default privileges of the owner)", async () => {
    const owner = await connect(ownerUrl);
    await owner.query(`CREATE TABLE "LaterMigration" (id serial PRIMARY KEY, note text)`);
    await owner.end();
    await app.query(`INSERT INTO "LaterMigration" (note) VALUES ('hello')`);
    expect((await app.query(`SELECT note FROM "LaterMigration"`)).rows).toEqual([{ note: "hello" }]);
  });

  it("can LISTEN, NOTIFY and take advisory locks", async () => {
    const listener = await connect(appUrl);
    const received = new Promise<string | undefined>((resolve) => listener.on("notification", (message) => resolve(message.payload)));
    await listener.query("LISTEN rmq_roles_test");
    await app.query("SELECT pg_notify('rmq_roles_test', 'ping')");
    expect(await received).toBe("ping");
    await listener.end();
    expect((await app.query("SELECT pg_try_advisory_lock(4242) AS got")).rows[0].got).toBe(true);
    await app.query("SELECT pg_advisory_unlock(4242)");
  });

  it("runs the pg-boss queue the owner installed", async () => {
    const boss = new PgBoss({ connectionString: appUrl, max: 2, supervise: true, schedule: false });
    boss.on("error", () => undefined);
    await boss.start();
    try {
      await boss.createQueue("rmq-panel-jobs", { name: "rmq-panel-jobs", retryLimit: 0 });
      const id = await boss.send("rmq-panel-jobs", { jobId: "roles-test" });
      expect(id).toBeTruthy();
      const [job] = await boss
        .fetch<{ jobId: string }>("rmq-panel-jobs", { batchSize: 10 })
        .then((jobs) => jobs.filter((j) => j.id === id));
      expect(job?.data.jobId).toBe("roles-test");
      await boss.complete("rmq-panel-jobs", job.id);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});

describe("the embedded server", () => {
  it("accepts only SCRAM password logins", async () => {
    const admin = await connect(inject("pgAdminUrl"));
    const { rows } = await admin.query<{ auth_method: string }>("SELECT auth_method FROM pg_hba_file_rules WHERE error IS NULL");
    const { rows: setting } = await admin.query("SHOW password_encryption");
    await admin.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.auth_method))).toEqual(new Set(["scram-sha-256"]));
    expect(setting[0].password_encryption).toBe("scram-sha-256");
  });
});
