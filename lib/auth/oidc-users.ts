import "server-only";
import { recordAudit } from "../audit";
import { db } from "../db";
import { groupsFromClaim, roleForGroups, type SsoConfig } from "./oidc-config";
import { refusal } from "./oidc-errors";
import { destroyUserSessions, type SessionUser } from "./session";

// Any constant: it serialises first sign-ins, so one provider user becomes one panel user with one unique name.
const SSO_USER_LOCK_KEY = 727_470_015;
// Not a scrypt hash, so verifyPassword never accepts anything for it: a provider's user has no local password.
const NO_LOCAL_PASSWORD = "sso";

/** Who the provider says signed in: the verified issuer and subject, and their claims (ID token and userinfo). */
interface ProviderIdentity {
  iss: string;
  sub: string;
  profile: Record<string, unknown>;
}

/**
 * A user the provider vouched for (issuer + subject), with the role their groups grant at this sign-in. A user who
 * is in none of the configured groups is refused, and any session they still have ends.
 */
export async function signInFromProvider(config: SsoConfig, claims: ProviderIdentity): Promise<SessionUser> {
  const groups = groupsFromClaim(claims.profile[config.groupsClaim]);
  const role = roleForGroups(config, groups);
  const identity = { oidcIssuer: claims.iss, oidcSubject: claims.sub };
  const known = await db.user.findUnique({ where: { oidcIssuer_oidcSubject: identity } });
  if (!role) {
    if (known) await endAccess(known, groups);
    throw refusal("noRole", new Error(`${claims.sub} is in none of the configured groups (has: ${groups.join(", ") || "none"}).`));
  }
  if (known?.disabledAt) throw refusal("disabled");
  if (!known) return createFromProvider(claims, role, groups);
  if (known.role !== role) {
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: known.id }, data: { role } });
      await recordAudit(tx, known, {
        action: "user.sso_role",
        targetType: "user",
        targetId: known.id,
        targetName: known.username,
        before: { role: known.role },
        after: { role, groups },
      });
    });
  }
  return { id: known.id, username: known.username, role };
}

async function createFromProvider(claims: ProviderIdentity, role: SessionUser["role"], groups: string[]): Promise<SessionUser> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SSO_USER_LOCK_KEY})`;
    const identity = { oidcIssuer: claims.iss, oidcSubject: claims.sub };
    // Another tab of the same person may have won the lock first.
    const raced = await tx.user.findUnique({ where: { oidcIssuer_oidcSubject: identity } });
    if (raced) return { id: raced.id, username: raced.username, role: raced.role };
    const base = baseUsername(claims);
    let username = base;
    for (let n = 2; await tx.user.findUnique({ where: { username }, select: { id: true } }); n++) username = `${base}-${n}`;
    const user = await tx.user.create({ data: { username, passwordHash: NO_LOCAL_PASSWORD, role, ...identity } });
    await recordAudit(tx, user, {
      action: "user.sso_create",
      targetType: "user",
      targetId: user.id,
      targetName: user.username,
      after: { role, groups, issuer: claims.iss, subject: claims.sub },
    });
    return { id: user.id, username: user.username, role: user.role };
  });
}

/** The provider no longer grants a role: the user's sessions end and their API tokens stop, at once. */
async function endAccess(user: { id: string; username: string; role: string }, groups: string[]) {
  await destroyUserSessions(user.id);
  await db.$transaction(async (tx) => {
    const revoked = await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, user, {
      action: "user.sso_refused",
      targetType: "user",
      targetId: user.id,
      targetName: user.username,
      before: { role: user.role },
      after: { groups, sessionsEnded: true, tokensRevoked: revoked.count },
    });
  });
}

/** The name the panel shows: the provider's preferred_username, else the email, else the subject, in safe characters. */
function baseUsername(claims: ProviderIdentity): string {
  const wanted = [claims.profile.preferred_username, claims.profile.email, claims.sub].find(
    (value) => typeof value === "string" && value.trim(),
  );
  const cleaned = String(wanted)
    .normalize("NFKC")
    .trim()
    .replace(/[^a-zA-Z0-9_.@-]+/g, "-")
    .slice(0, 56);
  return cleaned.length >= 3 ? cleaned : `sso-${cleaned}`;
}
