import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { deleteCredential } from "@/lib/inventory/credentials";

export const DELETE = route({ role: "admin", params: idParams }, async ({ user, params }) => {
  await deleteCredential(user, params.id);
  return { ok: true };
});
