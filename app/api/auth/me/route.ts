import { updatePreferences } from "@/lib/auth";
import { preferencesSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer" }, async ({ user }) => ({ user }));

/** The signed-in user's own preferences (the language menu). */
export const PATCH = route({ role: "viewer", body: preferencesSchema }, async ({ user, body }) => {
  await updatePreferences(user.id, body);
  return { ok: true };
});
