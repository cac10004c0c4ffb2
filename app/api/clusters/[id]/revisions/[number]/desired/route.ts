import { markDesired } from "@/lib/clusters";
import { revisionNumberSchema } from "@/lib/clusters/schema";
import { route } from "@/lib/http/route";

export const POST = route({ role: "operator" }, async ({ user, params }) => {
  await markDesired(user, params.id, revisionNumberSchema.parse(params.number));
  return { ok: true };
});
