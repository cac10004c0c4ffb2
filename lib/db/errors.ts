import "server-only";

// Node socket errors and PostgreSQL SQLSTATEs that mean "the database cannot be reached right now", not "bad query":
// 57P01-03 admin/crash shutdown and cannot-connect-now, 08xxx connection exceptions, 53300 too many connections.
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "57P01", "57P02", "57P03", "53300", "P1001", "P1002", "P1017"]);

/** True when `error` says the database is unreachable (routes answer 503, pages show "database unavailable"). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && /Connection terminated|connect ECONNREFUSED|Can't reach database server/i.test(message)) return true;
  }
  return false;
}
