// No `server-only` here: the panel's plain Node HTTP server (scripts/serve.ts) sends these outside Next's bundles.
import type { ServerResponse } from "node:http";
import type { Locale } from "../i18n/locales";
import { message } from "../i18n/message";
import { english, translate } from "../i18n/translate";

export const DATABASE_UNAVAILABLE_MESSAGE = english(message("errors.unavailable.message"));

// The same basic headers the app sets: this answer is sent without going through Next at all.
const HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "Retry-After": "5",
};

const page = (locale: Locale) => {
  const title = translate(message("errors.unavailable.title"), locale);
  const text = translate(message("errors.unavailable.page", { message: translate(message("errors.unavailable.message"), locale) }), locale);
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>${title} · RMQ Panel</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:32rem;padding:2rem;border:1px solid #e2e8f0;border-radius:.5rem;background:#fff}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:0;color:#475569}</style></head>
<body><main role="alert"><h1>${title}</h1><p>${text}</p></main></body>
</html>
`;
};

/**
 * 503 for every request while the database is away, in the browser's language (the session cannot be read):
 * JSON for the API, a small page for everything else.
 */
export function sendDatabaseUnavailable(url: string, response: ServerResponse, locale: Locale): void {
  const api = url.startsWith("/api/") || url === "/api";
  const text = translate(message("errors.unavailable.message"), locale);
  const body = api ? JSON.stringify({ error: text, code: "database_unavailable" }) : page(locale);
  response.writeHead(503, {
    ...HEADERS,
    "Content-Type": api ? "application/json" : "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
}
