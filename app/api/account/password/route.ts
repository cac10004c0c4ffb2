import { passwordChangeSchema } from "@/lib/auth/schema-access";
import { changeOwnPassword } from "@/lib/auth/passwords";
import { currentSessionId } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

/** The caller's new password; this browser stays signed in, every other session ends. */
export const POST = route({ role: "viewer", body: passwordChangeSchema }, async ({ user, body }) => {
  await changeOwnPassword(user, body, user.via ? null : await currentSessionId());
  return { ok: true };
});
