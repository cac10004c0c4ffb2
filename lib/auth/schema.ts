import { z } from "zod";
import { localeSchema } from "../i18n/locales";
import { says } from "../i18n/schema";
import { ROLES } from "./roles";

export const usernameSchema = z
  .string()
  .trim()
  .min(3, says("validation.auth.usernameTooShort"))
  .max(64, says("validation.auth.usernameTooLong"))
  .regex(/^[a-zA-Z0-9_.-]+$/, says("validation.auth.usernameCharacters"));

export const passwordSchema = z
  .string()
  .min(10, says("validation.auth.passwordTooShort"))
  .max(200, says("validation.auth.passwordTooLong"));

export const loginSchema = z.object({
  username: z.string().trim().min(1, says("validation.auth.enterUsername")).max(64, says("validation.auth.loginUsernameTooLong")),
  password: z.string().min(1, says("validation.auth.enterPassword")).max(200, says("validation.auth.loginPasswordTooLong")),
});

export const setupSchema = z.object({ username: usernameSchema, password: passwordSchema });

export const userCreateSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: z.enum(ROLES, says("validation.auth.pickRole")),
});

export const userUpdateSchema = z.object({
  role: z.enum(ROLES, says("validation.auth.pickRole")).optional(),
  disabled: z.boolean().optional(),
});

export type LoginInput = z.infer<typeof loginSchema>;
export type SetupInput = z.infer<typeof setupSchema>;
export type UserCreateInput = z.infer<typeof userCreateSchema>;
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

/** What a user changes about themselves; null hands the language back to the browser's Accept-Language. */
export const preferencesSchema = z.object({ locale: localeSchema.nullable() }).strict();
export type PreferencesInput = z.infer<typeof preferencesSchema>;
