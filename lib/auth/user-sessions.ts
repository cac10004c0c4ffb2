import "server-only";
import { recordAudit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { message } from "../i18n/message";
import type { SessionUser } from "./session";

/** A user's live sessions, most recently used first; `current` marks the one of the asking browser. */
export async function listSessions(userId: string, currentId: string | null) {
  const now = new Date();
  const sessions = await db.session.findMany({
    where: { userId, expiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true },
  });
  return sessions.map((session) => ({ ...session, current: session.id === currentId }));
}

/** Ends one of the user's own sessions (signing that browser out). */
export async function revokeSession(user: SessionUser, sessionId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId: user.id } });
    if (count === 0) throw new AppError(message("access.sessions.notFound"), 404, "not_found");
    await recordAudit(tx, user, { action: "session.revoke", targetType: "user", targetId: user.id, targetName: user.username });
  });
}

/** Ends every session of the user but `keepId` (this browser's; null ends them all). Answers how many ended. */
export async function revokeOtherSessions(user: SessionUser, keepId: string | null): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: user.id, id: keepId ? { not: keepId } : undefined } });
    await recordAudit(tx, user, {
      action: "session.revoke_others",
      targetType: "user",
      targetId: user.id,
      targetName: user.username,
      after: { ended: count },
    });
    return count;
  });
}
