import { route } from "@/lib/http/route";
import { latestSnapshotBody } from "@/lib/topology";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The latest topology snapshot from this web process's memory: `{"snapshot": … | null}` (null before the first
 * poll), with the server's clock in `x-server-now` so a client can age every reading. A snapshot of a few hundred
 * nodes is hundreds of KB: it is gzipped once per snapshot, not once per request.
 */
export const GET = route({ role: "viewer" }, async ({ request, params }) => {
  const gzip = /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");
  const body = await latestSnapshotBody(params.id, gzip);
  // no-transform: the body is compressed already; it keeps Next's own compression from gzipping it a second time.
  const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store, no-transform", vary: "accept-encoding", "x-server-now": String(Date.now()) };
  if (gzip) headers["content-encoding"] = "gzip";
  return new Response(typeof body === "string" ? body : new Uint8Array(body), { headers });
});
