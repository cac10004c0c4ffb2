import { z } from "zod";
import { says } from "../i18n/schema";

/** The settings page's form: local (password) sign-in off, except for one break-glass admin. */
export const signInSettingsSchema = z
  .object({
    localSignInOff: z.boolean(),
    breakGlassUsername: z.string().trim().max(64, says("validation.sso.breakGlassTooLong")).nullable(),
  })
  .strict();
export type SignInSettingsInput = z.infer<typeof signInSettingsSchema>;

/** Where to go after signing in: a path on this panel only ("/clusters"), never another site ("//evil.example"). */
export const returnToSchema = z
  .string()
  .max(2000, says("validation.sso.returnToTooLong"))
  .refine((path) => /^\/(?![/\\])[^\s\\]*$/.test(path), says("validation.sso.returnToLocal"));
