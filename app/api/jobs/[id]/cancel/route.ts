import { route } from "@/lib/http/route";
import { cancelJob } from "@/lib/jobs";

export const POST = route({ role: "operator" }, async ({ user, params }) => {
  await cancelJob(user, params.id);
  return { ok: true };
});
