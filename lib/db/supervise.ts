import "server-only";
import type { EmbeddedDatabase } from "./embedded";

// A server that just died may leave backends that still hold its shared memory, or its port, for a moment:
// the first attempts come quickly, later ones back off so a server that cannot start does not spin.
const BACKOFF_MS = [250, 500, 1_000, 2_000, 4_000];
const MAX_BACKOFF_MS = 5_000;
/** Up this long after a restart, it counts as healthy again and a later death starts the backoff anew. */
const STABLE_MS = 30_000;

/** Starts the embedded PostgreSQL again whenever it exits by itself (SIGKILL, OOM, crash), with backoff. */
export function superviseEmbeddedPostgres(database: EmbeddedDatabase, log: (line: string) => void): void {
  let failures = 0;
  let upSince = Date.now();
  database.onExit(async (how) => {
    if (Date.now() - upSince > STABLE_MS) failures = 0;
    log(`PostgreSQL exited (${how}); starting it again`);
    const diedAt = Date.now();
    for (;;) {
      const delay = BACKOFF_MS[failures] ?? MAX_BACKOFF_MS;
      failures++;
      await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        await database.restart();
        upSince = Date.now();
        log(`PostgreSQL is back on port ${database.port} after ${((upSince - diedAt) / 1000).toFixed(1)} s`);
        return;
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
        log(`starting PostgreSQL again failed (${reason}); retrying in ${((BACKOFF_MS[failures] ?? MAX_BACKOFF_MS) / 1000).toFixed(1)} s`);
      }
    }
  });
}
