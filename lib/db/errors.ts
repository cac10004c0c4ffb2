import "server-only";
import { DATABASE_UNAVAILABLE_DIGEST } from "./digest";

// PostgreSQL SQLSTATEs and Node socket errors that mean "the database cannot be reached right now", not "bad query":
// 57P01-03 admin/crash shutdown and cannot-connect-now, 08xxx connection exceptions, 53300 too many connections.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);
// Prisma's own codes for the same: can't reach, timed out, connection closed, too many connections.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2037"]);
// What @prisma/adapter-pg calls these (meta.driverAdapterError.cause.kind).
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// node-postgres reports a dropped socket or a pool that cannot connect only in words.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|Can't reach database server|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

export { DATABASE_UNAVAILABLE_DIGEST };

/** True when `error` says the database is unreachable (routes answer 503, pages show "database unavailable"). */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Prisma wraps the driver's error twice (cause, meta.driverAdapterError.cause): look a few levels deep.
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 10; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    const { code, kind, message, digest, cause, meta } = e as Record<string, unknown>;
    if (digest === DATABASE_UNAVAILABLE_DIGEST) return true;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_PRISMA_CODES.has(code) || code.startsWith("08")))
      return true;
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    queue.push(cause);
    if (meta && typeof meta === "object") queue.push((meta as { driverAdapterError?: unknown }).driverAdapterError);
  }
  return false;
}

/** Marks a database-unavailable error so it survives Next's production error scrubbing (see the boundaries). */
export function tagDatabaseUnavailable(error: unknown): unknown {
  if (error && typeof error === "object" && isDatabaseUnavailable(error)) {
    try {
      (error as { digest?: string }).digest = DATABASE_UNAVAILABLE_DIGEST;
    } catch {
      // A frozen error object keeps Next's generic digest: the page still shows the generic error screen.
    }
  }
  return error;
}
