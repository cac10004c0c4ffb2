import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { getJob } from "@/lib/jobs";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => getJob(params.id));
