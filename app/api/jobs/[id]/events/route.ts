import { route } from "@/lib/http/route";
import { getJob, jobEventStream } from "@/lib/jobs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Live job feed (Server-Sent Events). EventSource resumes after its Last-Event-ID, the last log line it got. */
export const GET = route({ role: "viewer" }, async ({ request, params }) => {
  await getJob(params.id);
  const resumeFrom = request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("after") ?? "0";
  const afterSeq = /^\d+$/.test(resumeFrom) ? Number(resumeFrom) : 0;
  return new Response(jobEventStream(params.id, afterSeq, request.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
