import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { retryJob } from "@/lib/jobs";

/** Retry a failed or cancelled job, or resume an interrupted one: finished steps are kept. */
export const POST = route({ role: "operator", params: idParams }, async ({ user, params }) => retryJob(user, params.id));
