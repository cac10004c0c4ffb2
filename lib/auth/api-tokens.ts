import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { localeSchema } from "../i18n/locales";
import { type MessageKey, message } from "../i18n/message";
import { apiTokenCreateSchema, type ApiTokenCreateInput } from "./schema-access";
import { hasRole, lowerRole } from "./roles";
import type { SessionUser } from "./session";
import { hashToken } from "./tokens";

// "rmqp_" says what a leaked string is (secret scanners match on it); 32 random bytes make it unguessable.
const SECRET_PREFIX = "rmqp_";
const SECRET_PATTERN = /^rmqp_[A-Za-z0-9_-]{43}$/;
// Enough of the secret to tell one's tokens apart, far too little to guess the rest from.
const SHOWN_PREFIX_LENGTH = 12;
// Writing lastUsedAt on every request would turn every read into a write.
const TOUCH_INTERVAL_MS = 60 * 1000;
// A longer header is no token of ours; refusing it early spares hashing what a client should never send.
const MAX_HEADER_LENGTH = 256;
const DAY_MS = 24 * 60 * 60 * 1000;

const shown = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** A token as the API shows it: everything but its hash. */
export type ApiTokenView = Awaited<ReturnType<typeof listApiTokens>>[number];

/**
 * A new token for the user, with a role no higher than theirs (their own by default). The secret is in this answer
 * only: the database keeps its hash. A token cannot mint tokens, so a leaked one cannot outlive its own expiry.
 */
export async function createApiToken(user: SessionUser, input: ApiTokenCreateInput) {
  const { name, role = user.role, expiresInDays } = apiTokenCreateSchema.parse(input);
  if (user.via) throw new AppError(message("access.tokens.notFromToken"), 403, "token_from_token");
  if (!hasRole(user.role, role))
    throw new AppError(message("access.tokens.roleTooHigh", { role, current: user.role }), 400, "role_too_high");
  const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + expiresInDays * DAY_MS);
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: { userId: user.id, name, role, tokenHash: hashToken(secret), prefix: secret.slice(0, SHOWN_PREFIX_LENGTH), expiresAt },
      select: shown,
    });
    await recordAudit(tx, user, {
      action: "token.create",
      targetType: "token",
      targetId: token.id,
      targetName: name,
      after: { role, expiresAt: expiresAt.toISOString() },
    });
    return { token, secret };
  });
}

/** A user's tokens, newest first, revoked and expired ones included (their last use is worth seeing). */
export async function listApiTokens(userId: string) {
  return db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: shown });
}

/** Revokes one of `ownerId`'s tokens (the actor's own, or anyone's for an admin route). Revoking twice is harmless. */
export async function revokeApiToken(actor: SessionUser, ownerId: string, tokenId: string): Promise<ApiTokenView> {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: ownerId }, select: shown });
    if (!token) throw new AppError(message("access.tokens.notFound"), 404, "not_found");
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() }, select: shown });
    await recordAudit(tx, actor, { action: "token.revoke", targetType: "token", targetId: tokenId, targetName: token.name });
    return revoked;
  });
}

const refused = (key: MessageKey, code: string) => new AppError(message(key), 401, code);

/**
 * The principal of a request that carries `Authorization`: judged by the token alone, never by a cookie beside it.
 * It acts as its owner, with the lower of the token's role and the owner's role now.
 */
export async function bearerUser(authorization: string): Promise<SessionUser> {
  const secret = bearerSecret(authorization);
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(secret) }, include: { user: true } });
  const now = Date.now();
  if (!token) throw refused("access.bearer.unknown", "token_unknown");
  if (token.revokedAt) throw refused("access.bearer.revoked", "token_revoked");
  if (token.expiresAt.getTime() <= now) throw refused("access.bearer.expired", "token_expired");
  if (token.user.disabledAt) throw refused("access.bearer.ownerDisabled", "owner_disabled");
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    // Conditional, so concurrent requests of one script write it once.
    await db.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - TOUCH_INTERVAL_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  const locale = localeSchema.safeParse(token.user.locale);
  return {
    id: token.user.id,
    username: token.user.username,
    role: lowerRole(token.role, token.user.role),
    locale: locale.success ? locale.data : null,
    via: { tokenId: token.id, tokenName: token.name },
  };
}

function bearerSecret(authorization: string): string {
  const match = authorization.length <= MAX_HEADER_LENGTH ? /^Bearer +(\S+) *$/i.exec(authorization) : null;
  if (!match) throw refused("access.bearer.malformed", "bad_authorization");
  if (!SECRET_PATTERN.test(match[1])) throw refused("access.bearer.unknown", "token_unknown");
  return match[1];
}
