import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { useFreshDatabase } from "../testing/fresh-database";
import { authenticate } from "./accounts";
import { hashPassword } from "./password";
import { changeOwnPassword, resetPassword } from "./passwords";
import type { SessionUser } from "./session";
import { newToken, hashToken } from "./tokens";
import { listSessions, revokeOtherSessions, revokeSession } from "./user-sessions";

let admin: SessionUser;

async function makeUser(username: string, role: SessionUser["role"] = "operator"): Promise<SessionUser> {
  const user = await db.user.create({ data: { username, role, passwordHash: await hashPassword(`${username}-password`) } });
  return { id: user.id, username, role };
}

async function signedIn(user: SessionUser, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const later = new Date(Date.now() + 3_600_000);
    const session = await db.session.create({
      data: { userId: user.id, tokenHash: hashToken(newToken()), expiresAt: later, absoluteExpiresAt: later },
    });
    ids.push(session.id);
  }
  return ids;
}

const sessionIds = async (user: SessionUser) => (await db.session.findMany({ where: { userId: user.id } })).map((s) => s.id).sort();

beforeAll(async () => {
  await useFreshDatabase("rmq_user_sessions");
  admin = await makeUser("sessions-admin", "admin");
});

describe("a user's sessions", () => {
  it("lists live sessions with this browser's marked, and ends one, or all others", async () => {
    const user = await makeUser("many-browsers");
    const [mine, other, third] = await signedIn(user, 3);
    const stale = await db.session.create({
      data: { userId: user.id, tokenHash: hashToken(newToken()), expiresAt: new Date(Date.now() - 1000), absoluteExpiresAt: new Date() },
    });
    const listed = await listSessions(user.id, mine);
    expect(listed.map((s) => s.id).sort()).toEqual([mine, other, third].sort());
    expect(listed.filter((s) => s.current).map((s) => s.id)).toEqual([mine]);

    const stranger = await makeUser("stranger");
    await expect(revokeSession(stranger, other)).rejects.toThrow(/not found/);
    await revokeSession(user, other);
    expect(await sessionIds(user)).toEqual([mine, third, stale.id].sort());
    expect(await revokeOtherSessions(user, mine)).toBe(2);
    expect(await sessionIds(user)).toEqual([mine]);
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: { startsWith: "session." } } })).toBe(2);
  });
});

describe("passwords", () => {
  it("changes one's own password given the current one; every other session ends", async () => {
    const user = await makeUser("changer");
    const [mine, other] = await signedIn(user, 2);
    await expect(changeOwnPassword(user, { currentPassword: "wrong-one", newPassword: "a-new-password" }, mine)).rejects.toThrow(
      "The current password is wrong.",
    );
    expect(await sessionIds(user)).toEqual([mine, other].sort());
    await changeOwnPassword(user, { currentPassword: "changer-password", newPassword: "a-new-password" }, mine);
    expect(await sessionIds(user)).toEqual([mine]);
    expect((await authenticate({ username: "changer", password: "a-new-password" }, "192.0.2.7")).user.id).toBe(user.id);
    await expect(authenticate({ username: "changer", password: "changer-password" }, "192.0.2.7")).rejects.toThrow(/Wrong/);
    await expect(
      changeOwnPassword(
        { ...user, via: { tokenId: "t", tokenName: "ci" } },
        { currentPassword: "a-new-password", newPassword: "x".repeat(12) },
        null,
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("an admin resets a password; all of that user's sessions end, and the change is audited", async () => {
    const user = await makeUser("forgetful");
    await signedIn(user, 2);
    await resetPassword(admin, user.id, { password: "reset-by-admin" });
    expect(await sessionIds(user)).toEqual([]);
    expect((await authenticate({ username: "forgetful", password: "reset-by-admin" }, "192.0.2.8")).user.id).toBe(user.id);
    expect(await db.auditEvent.count({ where: { action: "user.password_reset", targetId: user.id, actorId: admin.id } })).toBe(1);
    await expect(resetPassword(admin, admin.id, { password: "my-own-new-one" })).rejects.toThrow(/Account page/);
  });
});
