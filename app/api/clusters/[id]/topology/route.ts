import { topologyResponse } from "@/lib/http/openapi-responses";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";
import { latestSnapshotText } from "@/lib/topology";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The latest topology snapshot from this web process's memory: `{"snapshot": … | null}` (null before the first
 * poll), with the server's clock in `x-server-now` so a client can age every reading. An unknown cluster is a 404.
 */
export const GET = route({ role: "viewer", params: idParams, response: topologyResponse }, async ({ params }) => {
  const text = await latestSnapshotText(params.id);
  return new Response(`{"snapshot":${text ?? "null"}}`, {
    headers: { "content-type": "application/json", "cache-control": "no-store", "x-server-now": String(Date.now()) },
  });
});
