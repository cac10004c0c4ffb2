// No `server-only` here: the panel's plain Node HTTP server (scripts/serve.ts) runs this outside Next's bundles.
import pg from "pg";

export interface DatabaseHealth {
  /** False from the moment the probe's connection drops or a probe fails, until a probe succeeds again. */
  isUp(): boolean;
  stop(): Promise<void>;
}

export interface HealthOptions {
  log?: (line: string) => void;
  /** Between probes while the database answers. */
  upIntervalMs?: number;
  /** Between probes while it does not: recovery should be seen within about this long. */
  downIntervalMs?: number;
  /** A probe (connect or `SELECT 1`) slower than this counts as a failure. */
  timeoutMs?: number;
}

/**
 * Watches the database with one connection of its own: a dropped connection (server killed or restarted) marks it
 * down at once, a `SELECT 1` every couple of seconds catches a server that hangs, and while down it probes often.
 */
export function watchDatabase(connectionString: string, options: HealthOptions = {}): DatabaseHealth {
  const { log = () => {}, upIntervalMs = 2_000, downIntervalMs = 500, timeoutMs = 3_000 } = options;
  let up = true;
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const mark = (next: boolean, why: string) => {
    if (next === up) return;
    up = next;
    log(next ? "the database answers again" : `the database is unavailable (${why}); answering 503 until it is back`);
  };
  const drop = (why: string) => {
    const old = client;
    client = null;
    old?.end().catch(() => undefined);
    mark(false, why);
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void probe(), ms);
    timer.unref();
  };

  const probe = async () => {
    try {
      if (!client) {
        const fresh = new pg.Client({
          connectionString,
          connectionTimeoutMillis: timeoutMs,
          query_timeout: timeoutMs,
          application_name: "rmq-panel-health",
        });
        fresh.on("error", (error) => client === fresh && drop(error.message));
        // Noticed at once; the next scheduled probe reconnects.
        fresh.on("end", () => client === fresh && drop("connection closed"));
        await fresh.connect().catch((error) => {
          fresh.end().catch(() => undefined);
          throw error;
        });
        client = fresh;
      }
      await client.query("SELECT 1");
      mark(true, "");
    } catch (error) {
      drop(error instanceof Error ? error.message : String(error));
    }
    schedule(up ? upIntervalMs : downIntervalMs);
  };
  void probe();

  return {
    isUp: () => up,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const old = client;
      client = null;
      await old?.end().catch(() => undefined);
    },
  };
}
