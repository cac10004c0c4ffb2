/**
 * `npm start`: one command from a fresh clone to a running panel.
 * Database (embedded PostgreSQL under .data/ unless DATABASE_URL is set) → migrations and grants (as the owner)
 * → `next build` when the sources are newer than the last build → the panel's server (scripts/serve.ts, Next's
 * handler in a plain Node server) on http://localhost:3000 (PORT to change). `--dev` serves Next's dev mode instead.
 * A job worker (scripts/worker.ts) runs beside the web server as a second child process, restarted if it dies; the
 * embedded PostgreSQL is restarted too if it dies. Web and worker log in as the least-privilege app role.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../lib/config/paths";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { APP_ROLE, grantAppPrivileges, roleOf } from "../lib/db/roles";
import { superviseEmbeddedPostgres } from "../lib/db/supervise";
import { installQueue } from "../lib/jobs/queue";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

const log = (message: string) => console.log(`[rmq-panel] ${message}`);

async function main() {
  const started = Date.now();
  let embedded: EmbeddedDatabase | undefined;
  // The owner runs migrations and creates pg-boss's schema; web and worker get DATABASE_URL.
  let migrateUrl = process.env.RMQ_PANEL_MIGRATE_URL || process.env.DATABASE_URL;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(path.join(dataDir(), "postgres"));
    process.env.DATABASE_URL = embedded.appUrl;
    migrateUrl = embedded.url;
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${path.join(dataDir(), "postgres")})`);
  }
  const stopDatabase = async () => {
    await embedded?.stop().catch((error) => log(`stopping PostgreSQL failed: ${error}`));
    embedded = undefined;
  };

  try {
    const applied = await applyMigrations(migrateUrl!);
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
    await installQueue(migrateUrl!);
    // Re-applied after every migration, so tables a new migration adds are covered from the first request.
    const appRole = embedded ? APP_ROLE : roleOf(process.env.DATABASE_URL!);
    if (appRole !== roleOf(migrateUrl!)) await grantAppPrivileges(migrateUrl!, appRole);
    if (!dev && buildIsStale()) {
      log("building the panel (next build)…");
      await run(spawn(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: process.env }));
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  if (embedded) superviseEmbeddedPostgres(embedded, log);
  // The owner's URL stays here: children only ever see the app role's.
  const env = { ...process.env, RMQ_PANEL_MIGRATE_URL: "", RMQ_PANEL_DATA_DIR: dataDir(), PORT: String(port), HOST: host };
  // Not under the react-server condition: Next's server picks its React builds itself.
  const web = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...(dev ? ["--dev"] : [])], { stdio: "inherit", env });
  const worker = superviseWorker(env);
  log(`serving on http://localhost:${port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s before Next's own start-up)`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all([worker.stop(), stopChild(web)]);
    await stopDatabase();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  web.on("exit", (code) => {
    if (!stopping) log(`the web server exited with code ${code}`);
    void shutdown(code ?? 1);
  });
}

const WORKER_ARGS = ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"];

/**
 * Runs the job worker; a worker that dies (crash, OOM, kill, a database that went away) is started again, and
 * resumes nothing by itself. One that keeps dying at once (database still down) is restarted less and less often.
 */
function superviseWorker(env: NodeJS.ProcessEnv) {
  let child: ChildProcess | null = null;
  let stopped = false;
  let quickExits = 0;
  const start = () => {
    const startedAt = Date.now();
    child = spawn(process.execPath, WORKER_ARGS, { stdio: "inherit", env });
    child.on("exit", (code, signal) => {
      if (stopped) return;
      quickExits = Date.now() - startedAt < 30_000 ? quickExits + 1 : 0;
      const delay = Math.min(1_000 * 2 ** Math.max(0, quickExits - 1), 5_000);
      log(`the job worker exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`);
      setTimeout(() => !stopped && start(), delay);
    });
  };
  start();
  return {
    async stop() {
      stopped = true;
      if (child) await stopChild(child);
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.kill("SIGTERM");
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

function buildIsStale(): boolean {
  const buildId = path.resolve(".next/BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(path.resolve(input)) > builtAt);
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), stat.mtimeMs);
}

function run(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${child.spawnargs.slice(1).join(" ")} exited with code ${code}`)),
    ),
  );
}

main().catch((error) => {
  console.error(`[rmq-panel] failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
