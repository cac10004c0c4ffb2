import { idParams } from "@/lib/schema";
import { jobResponse } from "@/lib/http/openapi-responses";
import { route } from "@/lib/http/route";
import { getJob } from "@/lib/jobs";

export const GET = route({ role: "viewer", params: idParams, response: jobResponse }, async ({ params }) => getJob(params.id));
