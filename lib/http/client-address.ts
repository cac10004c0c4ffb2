// No `server-only`: scripts/serve.ts, a plain Node server outside Next's bundles, shares the header name.
import type { NextRequest } from "next/server";

/**
 * The header the panel's own HTTP server (scripts/serve.ts) sets on every request, overwriting whatever the client
 * sent: the socket's peer address, or, when that peer is a configured trusted proxy, the address that proxy reports.
 */
export const CLIENT_ADDRESS_HEADER = "x-rmq-client-address";

/** Who is asking, as the panel's server established it. Never read from X-Forwarded-For here: clients can write it. */
export function clientAddress(request: NextRequest): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
