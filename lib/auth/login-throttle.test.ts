import { beforeAll, describe, expect, it, vi } from "vitest";

// Sign-in sets cookies through Next's request scope; here a plain jar stands in for the browser.
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

const { db } = await import("../db");
const { useFreshDatabase } = await import("../testing/fresh-database");
const { authenticate, createFirstAdmin, createUser } = await import("./accounts");
const { DEVICE_COOKIE, rememberDevice } = await import("./devices");
const { createSession, currentUser, SESSION_COOKIE } = await import("./session");

const settled = (results: PromiseSettledResult<unknown>[]) => {
  const statuses = results.map((r) => (r.status === "fulfilled" ? 200 : (r.reason as { status?: number }).status));
  return {
    ok: statuses.filter((s) => s === 200).length,
    wrong: statuses.filter((s) => s === 401).length,
    limited: statuses.filter((s) => s === 429).length,
  };
};

/** Signs in as a browser would: the device cookie it holds goes along, and a success leaves one behind. */
async function signInFromBrowser(username: string, password: string, address: string) {
  const signIn = await authenticate({ username, password }, address, jar.get(DEVICE_COOKIE));
  await rememberDevice(signIn.user.id, signIn.deviceHash, false);
  return signIn.user;
}

describe("sign-in throttle", () => {
  let adminId = "";
  beforeAll(async () => {
    await useFreshDatabase("rmq_throttle");
    const admin = await createFirstAdmin({ username: "boss", password: "boss-password" });
    adminId = admin.id;
    for (const name of ["racer", "backoff", "sprayed"])
      await createUser(admin, { username: name, password: `${name}-password`, role: "viewer" });
  });

  it("checks at most five passwords when forty wrong ones arrive at once", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => authenticate({ username: "racer", password: `wrong-${i}` }, `198.51.100.${i + 1}`)),
    );
    expect(settled(results)).toEqual({ ok: 0, wrong: 5, limited: 35 });
  });

  it("blocks for 30 s after five failures, doubling with each failure after that, and says for how long", async () => {
    for (let i = 0; i < 5; i++) await expect(authenticate({ username: "backoff", password: "no" }, "203.0.113.1")).rejects.toThrow(/Wrong/);
    await expect(authenticate({ username: "backoff", password: "backoff-password" }, "203.0.113.2")).rejects.toThrow(
      /Try again in (29|30) seconds/,
    );
    const first = await db.loginThrottle.findUniqueOrThrow({ where: { key: "user:backoff" } });
    expect(first.failures).toBe(5);
    // The block runs out; the next failure blocks twice as long.
    await db.loginThrottle.update({ where: { key: "user:backoff" }, data: { blockedUntil: new Date(Date.now() - 1000) } });
    await expect(authenticate({ username: "backoff", password: "no" }, "203.0.113.3")).rejects.toThrow(/Wrong/);
    await expect(authenticate({ username: "backoff", password: "no" }, "203.0.113.3")).rejects.toThrow(/Try again in (59|60) seconds/);
    // A right password once the block ends clears the account's count.
    await db.loginThrottle.update({ where: { key: "user:backoff" }, data: { blockedUntil: new Date(Date.now() - 1000) } });
    expect((await authenticate({ username: "backoff", password: "backoff-password" }, "203.0.113.3")).user.username).toBe("backoff");
    expect(await db.loginThrottle.findUnique({ where: { key: "user:backoff" } })).toBeNull();
  });

  it("never locks an admin out of a browser they signed in from, however often others guess", async () => {
    jar.clear();
    await signInFromBrowser("boss", "boss-password", "192.0.2.10");
    const device = jar.get(DEVICE_COOKIE);
    expect(device).toBeTruthy();
    expect(await db.trustedDevice.count({ where: { userId: adminId } })).toBe(1);

    const guesses = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => authenticate({ username: "boss", password: `guess-${i}` }, `198.18.0.${i + 1}`)),
    );
    expect(settled(guesses)).toEqual({ ok: 0, wrong: 5, limited: 7 });
    await expect(authenticate({ username: "boss", password: "boss-password" }, "198.18.0.99")).rejects.toThrow(
      /Too many failed sign-in attempts/,
    );

    // The admin's own browser still gets in, from any address, and keeps its cookie.
    expect((await signInFromBrowser("boss", "boss-password", "192.0.2.77")).role).toBe("admin");
    expect(jar.get(DEVICE_COOKIE)).toBe(device);
    // A stolen device cookie is no licence to guess: it has a budget of its own.
    const withDevice = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => authenticate({ username: "boss", password: `x-${i}` }, "192.0.2.10", device)),
    );
    expect(settled(withDevice)).toEqual({ ok: 0, wrong: 5, limited: 3 });
  });

  it("a device cookie counts only for the user it was issued to", async () => {
    const device = jar.get(DEVICE_COOKIE);
    for (let i = 0; i < 5; i++)
      await expect(authenticate({ username: "sprayed", password: "no" }, "192.0.2.200", device)).rejects.toThrow(/Wrong/);
    await expect(authenticate({ username: "sprayed", password: "sprayed-password" }, "192.0.2.201", device)).rejects.toThrow(/Too many/);
  });

  it("limits one address spraying many accounts, without touching other addresses", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `nobody-${i}`);
    for (const username of names) await expect(authenticate({ username, password: "no" }, "100.64.0.1")).rejects.toThrow(/Wrong/);
    await expect(authenticate({ username: "someone-else", password: "no" }, "100.64.0.1")).rejects.toThrow(/Too many/);
    await expect(authenticate({ username: "someone-else", password: "no" }, "100.64.0.2")).rejects.toThrow(/Wrong/);
  });
});

describe("sessions", () => {
  it("end at their absolute lifetime however busy they are, and the cookie lives exactly that long", async () => {
    jar.clear();
    const admin = await db.user.findUniqueOrThrow({ where: { username: "boss" } });
    await createSession(admin.id, false);
    expect((await currentUser())?.username).toBe("boss");
    const session = await db.session.findFirstOrThrow({ where: { userId: admin.id }, orderBy: { createdAt: "desc" } });
    expect(session.absoluteExpiresAt.getTime() - session.createdAt.getTime()).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 1000);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeLessThanOrEqual(12 * 3600_000 + 1000);

    // Busy (just seen, idle expiry far ahead) but past its absolute lifetime: over.
    await db.session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3600_000), absoluteExpiresAt: new Date(Date.now() - 1) },
    });
    expect(jar.get(SESSION_COOKIE)).toBeTruthy();
    expect(await currentUser()).toBeNull();
  });

  it("slide with use, but never past the absolute lifetime", async () => {
    jar.clear();
    const admin = await db.user.findUniqueOrThrow({ where: { username: "boss" } });
    await createSession(admin.id, false);
    const session = await db.session.findFirstOrThrow({ where: { userId: admin.id }, orderBy: { createdAt: "desc" } });
    const absolute = new Date(Date.now() + 3600_000);
    await db.session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(Date.now() - 3600_000), absoluteExpiresAt: absolute },
    });
    expect((await currentUser())?.username).toBe("boss");
    const touched = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(touched.expiresAt.getTime()).toBe(absolute.getTime());
  });
});
