import { z } from "zod";
import { route } from "@/lib/http/route";
import { getJob, readLogLines } from "@/lib/jobs";

const querySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
});

/** Log lines after a sequence number, for scripts; browsers follow /events instead. */
export const GET = route({ role: "viewer" }, async ({ request, params }) => {
  const { after, limit } = querySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  await getJob(params.id);
  return readLogLines(params.id, after, limit);
});
