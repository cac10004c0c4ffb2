/**
 * The panel's own HTTP server: Next's request handler behind a plain Node `http` server, started by scripts/start.ts
 * (`npm start`, `npm run dev`). It exists for two things Next's own server cannot do:
 *
 * - Say who the client is. Next only adds X-Forwarded-For when it is absent, so a client could write it. Here every
 *   request gets `x-rmq-client-address` (lib/http/client-address.ts) and `x-forwarded-proto` from the socket itself,
 *   or from the forwarding headers only when the socket's peer is in RMQ_PANEL_TRUSTED_PROXIES.
 * - Answer 503 while the database is away, from a health probe, instead of a 500 from every page and route.
 *
 * Environment: PORT, HOST, DATABASE_URL, RMQ_PANEL_TRUSTED_PROXIES; `--dev` for Next's dev server.
 */
import http from "node:http";
import type { TLSSocket } from "node:tls";
import next from "next";
import { watchDatabase } from "../lib/db/health";
import { CLIENT_ADDRESS_HEADER } from "../lib/http/client-address";
import { parseTrustedProxies, resolveClient } from "../lib/http/forwarded";
import { isMalformedRouterState, ROUTER_STATE_HEADER } from "../lib/http/router-state";
import { sendDatabaseUnavailable } from "../lib/http/unavailable";
import { localeFromAcceptLanguage } from "../lib/i18n/negotiate";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const log = (line: string) => console.log(`[web] ${line}`);

// Headers only a trusted proxy may set; from anyone else they are dropped so Next and the app never see them.
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "forwarded", "x-real-ip"];

async function main() {
  const trusted = parseTrustedProxies(process.env.RMQ_PANEL_TRUSTED_PROXIES);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: start the panel with `npm start`.");
  const health = watchDatabase(databaseUrl, { log });

  const app = next({ dev, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((request, response) => {
    const client = resolveClient({
      peer: request.socket.remoteAddress ?? "",
      encrypted: Boolean((request.socket as TLSSocket).encrypted),
      forwardedFor: request.headers["x-forwarded-for"],
      forwardedProto: request.headers["x-forwarded-proto"],
      trusted,
    });
    if (!client.viaTrustedProxy) for (const name of FORWARDING_HEADERS) delete request.headers[name];
    request.headers[CLIENT_ADDRESS_HEADER] = client.address;
    request.headers["x-forwarded-proto"] = client.proto;

    // Next would answer 500 to a router state it cannot parse, before proxy.ts or any page runs.
    if (isMalformedRouterState(request.headers[ROUTER_STATE_HEADER])) {
      response.writeHead(400, {
        "content-type": "text/plain; charset=utf-8",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
      });
      return void response.end("The Next-Router-State-Tree header is malformed.");
    }
    // Built assets need no database; everything else would only fail slowly with a 500.
    const url = request.url ?? "/";
    if (!health.isUp() && !url.startsWith("/_next/static/") && url !== "/favicon.ico")
      return sendDatabaseUnavailable(url, response, localeFromAcceptLanguage(request.headers["accept-language"]));
    handle(request, response).catch((error: unknown) => {
      console.error("[web] request failed:", error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  // The dev server's hot reload runs over WebSocket upgrades.
  if (dev) server.on("upgrade", app.getUpgradeHandler());

  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, hostname, () => resolve()));
  log(`listening on http://${hostname}:${port}${dev ? " (dev)" : ""}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    await Promise.allSettled([health.stop(), app.close()]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(`[web] failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
