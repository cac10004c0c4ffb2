import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { cancelJob } from "@/lib/jobs";

export const POST = route({ role: "operator", params: idParams }, async ({ user, params }) => {
  await cancelJob(user, params.id);
  return { ok: true };
});
