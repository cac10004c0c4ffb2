import { revokeSession } from "@/lib/auth/user-sessions";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";

export const DELETE = route({ role: "viewer", params: idParams }, async ({ user, params }) => {
  await revokeSession(user, params.id);
  return { ok: true };
});
