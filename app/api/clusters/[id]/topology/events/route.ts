import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { topologyEventStream } from "@/lib/topology";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// TopologyEvent.id is a Postgres bigint: a longer number would reach the database and fail there on every poll.
const MAX_EVENT_ID = 2n ** 63n - 1n;
const eventIdSchema = z
  .string()
  .regex(/^\d{1,19}$/, "must be an event id (digits only)")
  .transform((value) => BigInt(value))
  .refine((id) => id <= MAX_EVENT_ID, "is larger than any event id");

/** The event to resume after, from Last-Event-ID (what EventSource sends) or ?after=; null means "from now". */
function resumePoint(headers: Headers, query: URLSearchParams): bigint | null {
  const [name, value] = headers.has("last-event-id") ? ["Last-Event-ID", headers.get("last-event-id")] : ["after", query.get("after")];
  // An empty id is how EventSource says "no id yet".
  if (value === null || value === "") return null;
  const parsed = eventIdSchema.safeParse(value);
  if (!parsed.success) throw new AppError(`${name} ${parsed.error.issues[0].message}.`, 400, "invalid_input");
  return parsed.data;
}

/**
 * Live topology (Server-Sent Events): `snapshot` whenever the worker stores one, `event` per timeline event with its
 * id. Resumes after Last-Event-ID (or ?after=); without either, the timeline starts from now. An unknown cluster is
 * a 404; more than MAX_STREAMS_PER_USER open streams of one user a 429.
 */
export const GET = route({ role: "viewer" }, async ({ request, params, user }) => {
  const after = resumePoint(request.headers, request.nextUrl.searchParams);
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
