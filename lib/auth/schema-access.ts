import { z } from "zod";
import { says } from "../i18n/schema";
import { ROLES } from "./roles";
import { idSchema } from "../schema";
import { passwordSchema } from "./schema";

/** A token lives 90 days unless its owner says otherwise, and never more than a year: a forgotten one dies. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

export const apiTokenCreateSchema = z
  .object({
    name: z.string().trim().min(1, says("validation.access.tokenNameRequired")).max(64, says("validation.access.tokenNameTooLong")),
    /** Absent: the owner's own role. */
    role: z.enum(ROLES, says("validation.auth.pickRole")).optional(),
    expiresInDays: z
      .number(says("validation.access.expiryDays", { max: TOKEN_MAX_DAYS }))
      .int(says("validation.access.expiryDays", { max: TOKEN_MAX_DAYS }))
      .min(1, says("validation.access.expiryDays", { max: TOKEN_MAX_DAYS }))
      .max(TOKEN_MAX_DAYS, says("validation.access.expiryDays", { max: TOKEN_MAX_DAYS }))
      .default(TOKEN_DEFAULT_DAYS),
  })
  .strict();

export const passwordChangeSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, says("validation.access.enterCurrentPassword"))
      .max(200, says("validation.auth.loginPasswordTooLong")),
    newPassword: passwordSchema,
  })
  .strict();

export const passwordResetSchema = z.object({ password: passwordSchema }).strict();

export type ApiTokenCreateInput = z.input<typeof apiTokenCreateSchema>;
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;

/** /api/users/[id]/tokens/[tokenId]: an admin's view of one user's token. */
export const userTokenParams = z.object({ id: idSchema, tokenId: idSchema });
