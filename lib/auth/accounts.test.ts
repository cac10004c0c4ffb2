import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { useFreshDatabase } from "../testing/fresh-database";
import { authenticate, createFirstAdmin, createUser, updateUser } from "./accounts";
import { hashPassword, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with scrypt and a per-password salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("anything", "plaintext")).toBe(false);
  });
});

describe("accounts", () => {
  beforeAll(() => useFreshDatabase("rmq_accounts"));

  it("creates exactly one first admin even when two setups race, and audits it", async () => {
    const results = await Promise.allSettled([
      createFirstAdmin({ username: "first-a", password: "first-password-a" }),
      createFirstAdmin({ username: "first-b", password: "first-password-b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toMatch(/already set up/);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "setup.first_admin" } })).toBe(1);
  });

  it("refuses wrong passwords and unknown users with the same message, then rate-limits", async () => {
    const admin = await db.user.findFirstOrThrow({ where: { role: "admin" } });
    await createUser({ id: admin.id, username: admin.username }, { username: "limited", password: "limited-password", role: "viewer" });
    await expect(authenticate({ username: "limited", password: "nope" }, "192.0.2.1")).rejects.toThrow("Wrong username or password.");
    await expect(authenticate({ username: "ghost", password: "nope" }, "192.0.2.1")).rejects.toThrow("Wrong username or password.");
    expect((await authenticate({ username: "limited", password: "limited-password" }, "192.0.2.1")).user.role).toBe("viewer");
    for (let i = 0; i < 5; i++)
      await expect(authenticate({ username: "limited", password: `bad-${i}` }, `192.0.2.${10 + i}`)).rejects.toThrow(/Wrong/);
    await expect(authenticate({ username: "limited", password: "limited-password" }, "192.0.2.99")).rejects.toThrow(
      /Too many failed sign-in attempts/,
    );
  });

  it("disabled users cannot sign in, and an admin cannot lock themselves out", async () => {
    const admin = await db.user.findFirstOrThrow({ where: { role: "admin" } });
    const actor = { id: admin.id, username: admin.username };
    const user = await createUser(actor, { username: "to-disable", password: "disable-password", role: "operator" });
    await updateUser(actor, user.id, { disabled: true });
    await expect(authenticate({ username: "to-disable", password: "disable-password" }, "192.0.2.50")).rejects.toThrow(
      "Wrong username or password.",
    );
    await expect(updateUser(actor, admin.id, { role: "viewer" })).rejects.toThrow(/cannot demote or disable yourself/);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.update", targetId: user.id } });
    expect(audit.before).toEqual({ role: "operator", disabled: false });
    expect(audit.after).toEqual({ role: "operator", disabled: true });
  });
});
