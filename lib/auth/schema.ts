import { z } from "zod";
import { localeSchema } from "../i18n/locales";
import { ROLES } from "./roles";

export const usernameSchema = z
  .string()
  .trim()
  .min(3, "Username must be at least 3 characters.")
  .max(64, "Username must be at most 64 characters.")
  .regex(/^[a-zA-Z0-9_.-]+$/, "Username may contain letters, digits, '.', '_' and '-' only.");

export const passwordSchema = z
  .string()
  .min(10, "Password must be at least 10 characters.")
  .max(200, "Password must be at most 200 characters.");

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username.").max(64, "Usernames are at most 64 characters."),
  password: z.string().min(1, "Enter your password.").max(200, "Passwords are at most 200 characters."),
});

export const setupSchema = z.object({ username: usernameSchema, password: passwordSchema });

export const userCreateSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: z.enum(ROLES, { message: "Pick a role: admin, operator or viewer." }),
});

export const userUpdateSchema = z.object({
  role: z.enum(ROLES, { message: "Pick a role: admin, operator or viewer." }).optional(),
  disabled: z.boolean().optional(),
});

export type LoginInput = z.infer<typeof loginSchema>;
export type SetupInput = z.infer<typeof setupSchema>;
export type UserCreateInput = z.infer<typeof userCreateSchema>;
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

/** What a user changes about themselves; null hands the language back to the browser's Accept-Language. */
export const preferencesSchema = z.object({ locale: localeSchema.nullable() }).strict();
export type PreferencesInput = z.infer<typeof preferencesSchema>;
