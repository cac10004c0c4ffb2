import { z } from "zod";
import { idParams, int4Text } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { getJob, jobEventStream } from "@/lib/jobs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const afterSeq = int4Text("The resume point (Last-Event-ID or after)");
const query = z.object({ after: afterSeq.optional() });

/** Live job feed (Server-Sent Events). EventSource resumes after its Last-Event-ID, the last log line it got. */
export const GET = route({ role: "viewer", params: idParams, query }, async ({ request, params, query }) => {
  await getJob(params.id);
  // Last-Event-ID wins over ?after=; an empty one is how EventSource says it has no id yet.
  const lastEventId = request.headers.get("last-event-id") || null;
  const after = lastEventId === null ? (query.after ?? 0) : afterSeq.parse(lastEventId);
  return new Response(jobEventStream(params.id, after, request.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
