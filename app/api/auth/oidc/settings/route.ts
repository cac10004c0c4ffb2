import { signInSettingsSchema } from "@/lib/auth/sso-schema";
import { signInSettings, updateSignInSettings } from "@/lib/auth/sso-settings";
import { route } from "@/lib/http/route";

export const GET = route({ role: "admin" }, () => signInSettings());

export const PUT = route({ role: "admin", body: signInSettingsSchema }, ({ user, body }) => updateSignInSettings(user, body));
