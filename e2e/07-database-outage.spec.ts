import fs from "node:fs/promises";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import PgBoss from "pg-boss";
import { ADMIN } from "./support/panel";

// Runs last: it kills the e2e panel's embedded PostgreSQL (started by global-setup through scripts/start.ts).
// Also the end-to-end check of scripts/serve.ts: forged forwarding headers change neither address nor scheme.

const dataDir = () => path.dirname(process.env.RMQ_PANEL_E2E_LAB!);
const RECOVERY_BOUND_MS = 30_000;

async function ownerUrl(): Promise<string> {
  const state = JSON.parse(await fs.readFile(path.join(dataDir(), "postgres", "embedded.json"), "utf8")) as {
    port: number;
    password: string;
  };
  return `postgresql://rmq_panel:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/rmq_panel`;
}

async function postmasterPid(): Promise<number> {
  const text = await fs.readFile(path.join(dataDir(), "postgres", "pgdata", "postmaster.pid"), "utf8");
  return Number(text.split("\n")[0]);
}

async function signedInApi(baseURL: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const response = await api.post("/api/auth/login", { data: ADMIN });
  expect(response.status()).toBe(200);
  return api;
}

test("forged X-Forwarded-For and X-Forwarded-Proto change neither the client address nor the scheme the panel sees", async ({
  baseURL,
}) => {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const forged = "203.0.113.66";
  const response = await api.post("/api/auth/login", {
    data: { username: "nobody-forging-xff", password: "wrong-password-1" },
    headers: { "X-Forwarded-For": forged, "X-Real-IP": forged },
  });
  expect(response.status()).toBe(401);
  const db = new pg.Client({ connectionString: await ownerUrl() });
  await db.connect();
  try {
    const { rows } = await db.query<{ key: string }>(`SELECT key FROM "LoginThrottle" WHERE key LIKE 'address:%'`);
    const keys = rows.map((row) => row.key);
    expect(keys).toContain("address:127.0.0.1");
    expect(keys.some((key) => key.includes(forged))).toBe(false);
  } finally {
    await db.end();
  }
  // Nor does a forged X-Forwarded-Proto make this plain-HTTP panel think it is served over HTTPS.
  const signIn = await api.post("/api/auth/login", { data: ADMIN, headers: { "X-Forwarded-Proto": "https" } });
  expect(signIn.status()).toBe(200);
  const cookies = signIn.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie");
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(cookie.value).not.toMatch(/;\s*secure/i);
  expect(signIn.headers()["strict-transport-security"]).toBeUndefined();
  await api.dispose();
});

test("SIGKILL of the embedded PostgreSQL: 503 while it is down, then full recovery by itself", async ({ baseURL, page }) => {
  test.setTimeout(60_000);
  const api = await signedInApi(baseURL!);
  expect((await api.get("/api/auth/me")).status()).toBe(200);

  // Kill it, and lock its data folder at once so the supervisor's restarts fail until the test lets them succeed:
  // an outage long enough to look at, and the restart path that has to retry (as after a stale postmaster.pid).
  const pgdata = path.join(dataDir(), "postgres", "pgdata");
  const mode = (await fs.stat(pgdata)).mode & 0o777;
  process.kill(await postmasterPid(), "SIGKILL");
  await fs.chmod(pgdata, 0o000);
  const killedAt = Date.now();
  try {
    // The API: 503 with a clear JSON error, soon after the kill.
    await expect.poll(async () => (await api.get("/api/auth/me")).status(), { timeout: 10_000, intervals: [100] }).toBe(503);
    const apiDown = await api.get("/api/auth/me");
    expect(await apiDown.json()).toMatchObject({ code: "database_unavailable", error: expect.stringMatching(/database/i) });
    for (const [name, value] of Object.entries({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    })) {
      expect(apiDown.headers()[name]).toBe(value);
    }
    // Pages, /login included: a "database unavailable" screen with status 503.
    const loginDown = await page.goto("/login", { timeout: 10_000 });
    expect(loginDown?.status()).toBe(503);
    await expect(page.getByRole("heading", { name: "Database unavailable" })).toBeVisible();
    expect((await api.get("/hosts")).status()).toBe(503);
    await page.screenshot({ path: "test-results/screenshots/07-database-unavailable.png" });
  } finally {
    await fs.chmod(pgdata, mode);
  }

  // Recovery: the supervisor restarts PostgreSQL, the probe sees it, the app's pools reconnect.
  const released = Date.now();
  await expect.poll(async () => (await api.get("/api/auth/me")).status(), { timeout: RECOVERY_BOUND_MS, intervals: [250] }).toBe(200);
  const recoveredAfter = Date.now() - released;
  expect(await (await api.get("/api/auth/me")).json()).toMatchObject({ user: { username: ADMIN.username } });
  // A new sign-in (writes in a transaction) and the sign-in page work again.
  const relogin = await signedInApi(baseURL!);
  expect((await relogin.get("/api/hosts")).status()).toBe(200);
  expect((await page.goto("/login", { timeout: 10_000 }))?.status()).toBe(200);
  console.log(
    `[07] down ${((released - killedAt) / 1000).toFixed(1)} s (held), back ${(recoveredAfter / 1000).toFixed(1)} s after the restart was let through`,
  );

  // The worker survived, or was restarted: it still takes jobs from the queue (this one fails at once, by design).
  const jobState = await runProbeJob();
  expect(jobState).toMatchObject({ state: "failed", error: expect.stringContaining("does not know jobs of kind") });
  await relogin.dispose();
  await api.dispose();
});

/** Queues a job of a kind no worker knows, straight through the database and pg-boss, and waits for its outcome. */
async function runProbeJob(): Promise<{ state: string; error: string | null }> {
  const url = await ownerUrl();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false, max: 1 });
  try {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "Job" (id, kind, title) VALUES (gen_random_uuid(), 'e2e-outage-probe', 'outage probe') RETURNING id`,
    );
    await boss.start();
    await boss.send("rmq-panel-jobs", { jobId: rows[0].id });
    let job = { state: "queued", error: null as string | null };
    await expect
      .poll(
        async () => {
          job = (await db.query<{ state: string; error: string | null }>(`SELECT state, error FROM "Job" WHERE id = $1`, [rows[0].id]))
            .rows[0];
          return job.state;
        },
        { timeout: 20_000, intervals: [250] },
      )
      .not.toMatch(/^(queued|running)$/);
    return job;
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await db.end();
  }
}
