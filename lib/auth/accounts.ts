import "server-only";
import { recordAudit, type Actor } from "../audit";
import { db } from "../db";
import { AppError, conflict, notFound } from "../errors";
import { message } from "../i18n/message";
import { trustedDeviceHash } from "./devices";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./password";
import { reserveAttempts, settleAttempts, type ThrottleKey } from "./login-throttle";
import type { LoginInput, SetupInput, UserCreateInput, UserUpdateInput } from "./schema";
import { destroyUserSessions, type SessionUser } from "./session";

// Any constant: it serialises concurrent first-run setups so exactly one admin is created.
const SETUP_LOCK_KEY = 727_470_002;

export async function needsSetup(): Promise<boolean> {
  return (await db.user.count()) === 0;
}

export async function createFirstAdmin(input: SetupInput): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`;
    if ((await tx.user.count()) > 0) throw new AppError(message("errors.auth.alreadySetUp"), 409, "already_set_up");
    const user = await tx.user.create({ data: { username: input.username, passwordHash, role: "admin" } });
    await recordAudit(tx, user, {
      action: "setup.first_admin",
      targetType: "user",
      targetId: user.id,
      targetName: user.username,
      after: { role: "admin" },
    });
    return { id: user.id, username: user.username, role: user.role };
  });
}

export interface SignIn {
  user: SessionUser;
  /** The hash of the device cookie the attempt carried, when that browser is known for this user. */
  deviceHash: string | null;
}

/** Checks a password under the sign-in throttle (login-throttle.ts): a known browser is throttled on its own. */
export async function authenticate(input: LoginInput, address: string, deviceToken?: string): Promise<SignIn> {
  const user = await db.user.findUnique({ where: { username: input.username } });
  const deviceHash = await trustedDeviceHash(user?.id, deviceToken);
  const keys: ThrottleKey[] = deviceHash
    ? [{ kind: "device", value: deviceHash }]
    : [
        { kind: "address", value: address },
        { kind: "user", value: input.username },
      ];
  await reserveAttempts(keys);
  const valid = (await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH)) && !!user && !user.disabledAt;
  await settleAttempts(keys, valid);
  if (!valid) throw new AppError(message("errors.auth.badCredentials"), 401, "bad_credentials");
  return { user: { id: user.id, username: user.username, role: user.role }, deviceHash };
}

export async function listUsers() {
  return db.user.findMany({
    orderBy: { username: "asc" },
    select: { id: true, username: true, role: true, createdAt: true, disabledAt: true },
  });
}

export async function createUser(actor: Actor, input: UserCreateInput) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username } }))
      throw conflict(message("errors.auth.userExists", { username: input.username }));
    const user = await tx.user.create({ data: { username: input.username, passwordHash, role: input.role } });
    await recordAudit(tx, actor, {
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      targetName: user.username,
      after: { role: user.role },
    });
    return { id: user.id, username: user.username, role: user.role, createdAt: user.createdAt, disabledAt: user.disabledAt };
  });
}

export async function updateUser(actor: Actor, id: string, input: UserUpdateInput) {
  if (id === actor.id && (input.disabled || (input.role && input.role !== "admin"))) {
    throw new AppError(message("errors.auth.selfLockout"), 400, "self_lockout");
  }
  const result = await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw notFound("user");
    const user = await tx.user.update({
      where: { id },
      data: { role: input.role, disabledAt: input.disabled === undefined ? undefined : input.disabled ? new Date() : null },
    });
    await recordAudit(tx, actor, {
      action: "user.update",
      targetType: "user",
      targetId: id,
      targetName: user.username,
      before: { role: before.role, disabled: !!before.disabledAt },
      after: { role: user.role, disabled: !!user.disabledAt },
    });
    return { id: user.id, username: user.username, role: user.role, createdAt: user.createdAt, disabledAt: user.disabledAt };
  });
  if (input.disabled || input.role) await destroyUserSessions(id);
  return result;
}
