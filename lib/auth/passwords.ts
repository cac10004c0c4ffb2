import "server-only";
import { recordAudit, type Actor } from "../audit";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { message } from "../i18n/message";
import type { PasswordChangeInput, PasswordResetInput } from "./schema-access";
import { reserveAttempts, settleAttempts, type ThrottleKey } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import type { SessionUser } from "./session";

/**
 * A user's new password, given the current one (throttled like a sign-in: a borrowed browser must not become a
 * way to guess it). Every other session ends; `keepSessionId`, the asking browser's, stays signed in. API tokens
 * are the user's to revoke: they do not hang on the password. Not through a token: it is the browser's business.
 */
export async function changeOwnPassword(user: SessionUser, input: PasswordChangeInput, keepSessionId: string | null) {
  if (user.via) throw new AppError(message("access.password.notFromToken"), 403, "password_from_token");
  const row = await db.user.findUnique({ where: { id: user.id } });
  if (!row) throw notFound("user");
  const keys: ThrottleKey[] = [{ kind: "user", value: row.username }];
  await reserveAttempts(keys);
  const valid = await verifyPassword(input.currentPassword, row.passwordHash);
  await settleAttempts(keys, valid);
  if (!valid)
    throw new AppError(message("access.password.wrongCurrent"), 400, "wrong_password", {
      currentPassword: [message("access.password.wrongCurrent")],
    });
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.id, id: keepSessionId ? { not: keepSessionId } : undefined } });
    await recordAudit(tx, user, { action: "user.password_change", targetType: "user", targetId: user.id, targetName: row.username });
  });
}

/** An admin sets another user's password; all of that user's sessions end. One's own goes through the Account page. */
export async function resetPassword(actor: Actor, userId: string, input: PasswordResetInput) {
  if (userId === actor.id) throw new AppError(message("access.password.resetSelf"), 400, "reset_self");
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("user");
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, actor, { action: "user.password_reset", targetType: "user", targetId: userId, targetName: user.username });
  });
}
