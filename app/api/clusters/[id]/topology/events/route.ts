import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { bigintCursorText, idParams } from "@/lib/schema";
import { topologyEventStream } from "@/lib/topology";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Event ids are Postgres bigints: a longer number would reach the database and fail there on every poll.
const query = z.object({ after: bigintCursorText.optional() });

/** Last-Event-ID (what EventSource sends when it reconnects) wins over ?after=; neither means "from now". */
function lastEventId(headers: Headers): bigint | undefined {
  const value = headers.get("last-event-id");
  // An empty id is how EventSource says "no id yet".
  if (value === null || value === "") return undefined;
  const parsed = bigintCursorText.safeParse(value);
  if (!parsed.success) throw new AppError(`Last-Event-ID: ${parsed.error.issues[0].message}`, 400, "invalid_input");
  return parsed.data;
}

/**
 * Live topology (Server-Sent Events): `snapshot` whenever the worker stores one, `event` per timeline event with its
 * id. Resumes after Last-Event-ID (or ?after=); without either, the timeline starts from now. An unknown cluster is
 * a 404; more than MAX_STREAMS_PER_USER open streams of one user a 429.
 */
export const GET = route({ role: "viewer", params: idParams, query }, async ({ request, params, query, user }) => {
  const after = lastEventId(request.headers) ?? query.after ?? null;
  const stream = await topologyEventStream(params.id, user.id, after, request.signal);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
