// No `server-only` here: the panel's plain Node HTTP server (scripts/serve.ts) sends these outside Next's bundles.
import type { ServerResponse } from "node:http";

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The panel's database is unavailable right now. It is being restarted or reconnected; try again in a few seconds.";

// The same basic headers the app sets: this answer is sent without going through Next at all.
const HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "Retry-After": "5",
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Database unavailable · RMQ Panel</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:32rem;padding:2rem;border:1px solid #e2e8f0;border-radius:.5rem;background:#fff}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:0;color:#475569}</style></head>
<body><main role="alert"><h1>Database unavailable</h1><p>${DATABASE_UNAVAILABLE_MESSAGE} This page reloads by itself.</p></main></body>
</html>
`;

/** 503 for every request while the database is away: JSON for the API, a small page for everything else. */
export function sendDatabaseUnavailable(url: string, response: ServerResponse): void {
  const api = url.startsWith("/api/") || url === "/api";
  const body = api ? JSON.stringify({ error: DATABASE_UNAVAILABLE_MESSAGE, code: "database_unavailable" }) : PAGE;
  response.writeHead(503, {
    ...HEADERS,
    "Content-Type": api ? "application/json" : "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
}
