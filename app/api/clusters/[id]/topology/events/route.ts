import { route } from "@/lib/http/route";
import { latestEventId, topologyEventStream } from "@/lib/topology";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Live topology (Server-Sent Events): `snapshot` whenever the worker stores one, `event` per timeline event with its
 * id. Resumes after Last-Event-ID (or ?after=); without either, the timeline starts from now.
 */
export const GET = route({ role: "viewer" }, async ({ request, params }) => {
  const resumeFrom = request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("after");
  const afterId = resumeFrom && /^\d{1,19}$/.test(resumeFrom) ? BigInt(resumeFrom) : await latestEventId(params.id);
  return new Response(topologyEventStream(params.id, afterId, request.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
