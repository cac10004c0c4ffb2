import { route } from "@/lib/http/route";
import { getJob } from "@/lib/jobs";

export const GET = route({ role: "viewer" }, async ({ params }) => getJob(params.id));
