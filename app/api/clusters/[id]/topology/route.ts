import { route } from "@/lib/http/route";
import { latestSnapshotText } from "@/lib/topology";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The latest topology snapshot, from this web process's memory: `{"serverNow": ms, "snapshot": … | null}` (null before the first poll). */
export const GET = route({ role: "viewer" }, async ({ params }) => {
  const text = await latestSnapshotText(params.id);
  return new Response(`{"serverNow":${Date.now()},"snapshot":${text ?? "null"}}`, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
});
