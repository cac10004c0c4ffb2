import { markDesired } from "@/lib/clusters";
import { revisionParams } from "@/lib/schema";
import { route } from "@/lib/http/route";

export const POST = route({ role: "operator", params: revisionParams }, async ({ user, params }) => {
  await markDesired(user, params.id, params.number);
  return { ok: true };
});
