import { z } from "zod";
import { route } from "@/lib/http/route";
import { eventStreamResponse, resumePoint } from "@/lib/sse";
import { bigintCursorText, idParams } from "@/lib/schema";
import { topologyEventStream } from "@/lib/topology";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Event ids are Postgres bigints: a longer number would reach the database and fail there on every poll.
const query = z.object({ after: bigintCursorText.optional() });

/**
 * Live topology (Server-Sent Events): `snapshot` whenever the worker stores one, `event` per timeline event with its
 * id. Resumes after Last-Event-ID (or ?after=); without either, the timeline starts from now. An unknown cluster is
 * a 404; more than MAX_STREAMS_PER_USER open streams of one user a 429.
 */
export const GET = route({ role: "viewer", params: idParams, query }, async ({ request, params, query, user }) => {
  // The resume point is checked before the cluster is looked up.
  const after = resumePoint(request, bigintCursorText, query.after) ?? null;
  return eventStreamResponse(await topologyEventStream(params.id, user.id, after, request.signal));
});
