import { passwordResetSchema } from "@/lib/auth/schema-access";
import { resetPassword } from "@/lib/auth/passwords";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";

/** An admin sets a user's password; that user's sessions end. */
export const POST = route({ role: "admin", params: idParams, body: passwordResetSchema }, async ({ user, params, body }) => {
  await resetPassword(user, params.id, body);
  return { ok: true };
});
