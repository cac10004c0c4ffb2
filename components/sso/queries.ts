import type { SignInSettingsInput } from "@/lib/auth/sso-schema";
import type { SignInSettings } from "@/lib/auth/sso-settings";
import { api } from "../api";

export const saveSignInSettings = (input: SignInSettingsInput) =>
  api<SignInSettings>("/api/auth/oidc/settings", { method: "PUT", body: input });
