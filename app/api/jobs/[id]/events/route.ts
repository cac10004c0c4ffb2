import { z } from "zod";
import { route } from "@/lib/http/route";
import { eventStreamResponse, resumePoint } from "@/lib/sse";
import { getJob, jobEventStream } from "@/lib/jobs";
import { idParams, int4Text } from "@/lib/schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const afterSeq = int4Text("resumePoint");
const query = z.object({ after: afterSeq.optional() });

/** Live job feed (Server-Sent Events). EventSource resumes after its Last-Event-ID, the last log line it got. */
export const GET = route({ role: "viewer", params: idParams, query }, async ({ request, params, query }) => {
  await getJob(params.id);
  const after = resumePoint(request, afterSeq, query.after) ?? 0;
  return eventStreamResponse(jobEventStream(params.id, after, request.signal));
});
