import { z } from "zod";
import { idParams, int4Text } from "@/lib/schema";
import { jobLogLinesResponse } from "@/lib/http/openapi-responses";
import { route } from "@/lib/http/route";
import { getJob, readLogLines } from "@/lib/jobs";

const query = z.object({
  after: int4Text("after").default(0),
  limit: int4Text("limit", 1, 10_000).default(2_000),
});

/** Log lines after a sequence number, for scripts; browsers follow /events instead. */
export const GET = route({ role: "viewer", params: idParams, query, response: jobLogLinesResponse }, async ({ params, query }) => {
  await getJob(params.id);
  return readLogLines(params.id, query.after, query.limit);
});
