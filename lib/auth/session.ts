import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { db } from "../db";
import { type Locale, localeSchema } from "../i18n/locales";
import type { Role } from "./roles";
import { hashToken, newToken } from "./tokens";

export const SESSION_COOKIE = "rmq_session";
// Idle timeout: a session nobody used for this long ends. It slides with use, but never past the absolute lifetime,
// so a stolen cookie kept busy still dies; the cookie is issued for the absolute lifetime and the server decides.
const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Refreshing lastSeenAt on every request would turn every read into a write.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  /** The language the user chose; absent or null follows the browser. */
  locale?: Locale | null;
  /** Set when the request came with an API token (Authorization: Bearer) rather than the session cookie. */
  via?: { tokenId: string; tokenName: string } | null;
}

export async function createSession(userId: string, secure: boolean): Promise<void> {
  const token = newToken();
  const now = Date.now();
  const absoluteExpiresAt = new Date(now + SESSION_ABSOLUTE_MS);
  await db.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt: new Date(now + SESSION_IDLE_MS), absoluteExpiresAt } });
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: absoluteExpiresAt });
}

export async function destroySession(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
  jar.delete(SESSION_COOKIE);
}

/**
 * The signed-in user, or null when the cookie is missing, unknown, idle or past its lifetime, or the user is disabled.
 * Cached per render: the layout, the page and the language of one request ask for it once.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() < now || session.absoluteExpiresAt.getTime() < now || session.user.disabledAt) return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const expiresAt = new Date(Math.min(now + SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now), expiresAt } });
  }
  const locale = localeSchema.safeParse(session.user.locale);
  return { id: session.user.id, username: session.user.username, role: session.user.role, locale: locale.success ? locale.data : null };
});

/** The id of this browser's session (the cookie's), to tell it apart in the list and keep it on a password change. */
export async function currentSessionId(): Promise<string | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return (await db.session.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true } }))?.id ?? null;
}

export async function destroyUserSessions(userId: string) {
  await db.session.deleteMany({ where: { userId } });
}
