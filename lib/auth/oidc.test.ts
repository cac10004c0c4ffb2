import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  jwtClaims,
  signInAtProvider,
  startTestProvider,
  TEST_GROUPS,
  type TestProvider,
  type TestUser,
  tokensForOtherClient,
} from "../../e2e/support/oidc-provider";
import { db } from "../db";
import { useFreshDatabase } from "../testing/fresh-database";
import { authenticate, createFirstAdmin } from "./accounts";
import { createApiToken } from "./api-tokens";
import { beginLogin, completeLogin, providerSignOutUrl } from "./oidc";
import { groupsFromClaim, roleForGroups, ssoConfig } from "./oidc-config";
import { returnToSchema } from "./sso-schema";
import { assertPasswordSignInAllowed, signInSettings, updateSignInSettings } from "./sso-settings";
import { hashToken, newToken } from "./tokens";

// Everything against a real OpenID Provider (oidc-provider) on loopback, behind a proxy that can rewrite its tokens.
const PANEL = "http://panel.test";
const alice: TestUser = {
  sub: "sub-alice",
  username: "alice",
  password: "alice-password",
  email: "alice@example.test",
  groups: [TEST_GROUPS.operator],
};
const bob: TestUser = { sub: "sub-bob", username: "bob", password: "bob-password", groups: ["marketing"] };
let provider: TestProvider;
let root: { id: string; username: string };

beforeAll(async () => {
  await useFreshDatabase("rmq_oidc");
  provider = await startTestProvider({
    panelRedirectUri: `${PANEL}/api/auth/oidc/callback`,
    panelPostLogoutUri: `${PANEL}/login`,
    users: [alice, bob],
  });
  Object.assign(process.env, provider.env);
  root = await createFirstAdmin({ username: "root", password: "root-password-1" });
  // A local account already named like the provider's user: the provider's one must get another name.
  await db.user.create({ data: { username: "alice", passwordHash: "x", role: "viewer" } });
});

afterAll(async () => {
  for (const key of Object.keys(provider.env)) delete process.env[key];
  await provider.close();
});

afterEach(() => {
  provider.tamperIdToken = null;
});

/** The whole round trip as the browser makes it: begin, sign in at the provider, come back with the cookie. */
async function signIn(user: TestUser, options: { returnTo?: string } = {}) {
  const start = await beginLogin({ origin: PANEL, returnTo: options.returnTo });
  const back = await signInAtProvider(start.url, user);
  return { start, back, result: completeLogin(back, start.cookie) };
}

/** The refusal's code and English message, for one assertion. */
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  );

describe("single sign-on against a real OpenID Provider", () => {
  it("signs a provider user in with the role of their groups, as a new user matched by issuer and subject", async () => {
    const { start, result } = await signIn(alice, { returnTo: "/clusters?tab=live" });
    const authorization = new URL(start.url);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorization.searchParams.get("state")).toBeTruthy();
    expect(authorization.searchParams.get("nonce")).toBeTruthy();
    const { user, returnTo } = await result;
    expect(returnTo).toBe("/clusters?tab=live");
    // "alice" is a local account already, so the provider's alice is someone else.
    expect(user).toMatchObject({ username: "alice-2", role: "operator" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ oidcIssuer: provider.issuer, oidcSubject: alice.sub });
    expect(await db.auditEvent.count({ where: { action: "user.sso_create", targetId: user.id } })).toBe(1);
    // No local password works for them.
    await expect(authenticate({ username: "alice-2", password: "sso" }, "192.0.2.10")).rejects.toThrow("Wrong username or password.");

    const again = await (await signIn(alice)).result;
    expect(again.user.id).toBe(user.id);
    expect(await db.user.count({ where: { oidcSubject: alice.sub } })).toBe(1);
  });

  it("re-evaluates the role at every sign-in from the groups the provider sends then", async () => {
    alice.groups = [TEST_GROUPS.viewer, TEST_GROUPS.admin];
    expect((await (await signIn(alice)).result).user.role).toBe("admin");
    alice.groups = ["everyone-readonly"];
    const { user } = await (await signIn(alice)).result;
    expect(user.role).toBe("viewer");
    expect(await db.auditEvent.count({ where: { action: "user.sso_role", targetId: user.id } })).toBe(2);
  });

  it("refuses a user in none of the configured groups, and ends the sessions and tokens of one who lost them all", async () => {
    expect(await refusalOf((await signIn(bob)).result)).toEqual({
      code: "sso_noRole",
      message: expect.stringMatching(/in none of the groups that give a role/),
    });
    expect(await db.user.count({ where: { oidcSubject: bob.sub } })).toBe(0);

    const known = await db.user.findFirstOrThrow({ where: { oidcSubject: alice.sub } });
    await db.session.create({
      data: {
        tokenHash: hashToken(newToken()),
        userId: known.id,
        expiresAt: new Date(Date.now() + 60_000),
        absoluteExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const token = await createApiToken({ id: known.id, username: known.username, role: known.role }, { name: "alice's script" });
    alice.groups = [];
    expect((await refusalOf((await signIn(alice)).result))?.code).toBe("sso_noRole");
    expect(await db.session.count({ where: { userId: known.id } })).toBe(0);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.token.id } })).revokedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "user.sso_refused", targetId: known.id } })).toBe(1);
    alice.groups = [TEST_GROUPS.operator];
  });

  it("refuses a replayed sign-in: the callback works once", async () => {
    const { start, back, result } = await signIn(alice);
    await result;
    expect(await refusalOf(completeLogin(back, start.cookie))).toEqual({
      code: "sso_loginUsed",
      message: expect.stringMatching(/already completed or is unknown/),
    });
  });

  it("refuses a provider answer that belongs to another sign-in (state mismatch)", async () => {
    const mine = await beginLogin({ origin: PANEL });
    const theirs = await beginLogin({ origin: PANEL });
    const back = await signInAtProvider(theirs.url, alice);
    expect(await refusalOf(completeLogin(back, mine.cookie))).toEqual({
      code: "sso_stateMismatch",
      message: expect.stringMatching(/state mismatch/),
    });
  });

  it("refuses an ID token whose nonce is not the one this sign-in sent", async () => {
    const start = await beginLogin({ origin: PANEL });
    const tampered = new URL(start.url);
    tampered.searchParams.set("nonce", "a-nonce-the-panel-never-made");
    const back = await signInAtProvider(tampered.href, alice);
    expect(await refusalOf(completeLogin(back, start.cookie))).toEqual({
      code: "sso_nonceMismatch",
      message: expect.stringMatching(/nonce mismatch/),
    });
  });

  it("refuses an ID token the provider issued to another client (wrong audience)", async () => {
    const start = await beginLogin({ origin: PANEL });
    // Same user, same nonce, genuinely signed by the provider, but for "other-app".
    const other = await tokensForOtherClient(provider, alice, new URL(start.url).searchParams.get("nonce")!);
    expect(jwtClaims(other.id_token).aud).toBe("other-app");
    provider.tamperIdToken = () => other.id_token;
    const back = await signInAtProvider(start.url, alice);
    expect(await refusalOf(completeLogin(back, start.cookie))).toEqual({
      code: "sso_wrongAudience",
      message: expect.stringMatching(/another application/),
    });
  });

  it("refuses an expired ID token, even one signed with the provider's own key", async () => {
    const now = Math.floor(Date.now() / 1000);
    provider.tamperIdToken = (idToken) => provider.signAsProvider({ ...jwtClaims(idToken), iat: now - 7200, exp: now - 3600 });
    expect(await refusalOf((await signIn(alice)).result)).toEqual({
      code: "sso_tokenExpired",
      message: expect.stringMatching(/has expired/),
    });
  });

  it("refuses an ID token with a bad signature: another key under the provider's key id, or a corrupted one", async () => {
    provider.tamperIdToken = (idToken) => provider.signAsImpostor(jwtClaims(idToken));
    expect(await refusalOf((await signIn(alice)).result)).toEqual({
      code: "sso_badSignature",
      message: expect.stringMatching(/signature does not verify/),
    });
    provider.tamperIdToken = (idToken) => `${idToken.slice(0, -6)}${idToken.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    expect((await refusalOf((await signIn(alice)).result))?.code).toBe("sso_badSignature");
  });

  it("refuses a callback without its cookie, and a sign-in left for longer than ten minutes", async () => {
    const { back } = await signIn(alice).then(async (round) => ({ back: round.back, done: await round.result.catch(() => null) }));
    expect((await refusalOf(completeLogin(back, undefined)))?.code).toBe("sso_noLogin");
    const start = await beginLogin({ origin: PANEL });
    await db.oidcLogin.update({ where: { id: hashToken(start.cookie) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await refusalOf(completeLogin(`${PANEL}/api/auth/oidc/callback?code=x&state=y`, start.cookie)))?.code).toBe("sso_loginExpired");
  });

  it("sends a provider user to the provider's end_session_endpoint on sign-out, a local user nowhere", async () => {
    const { user } = await (await signIn(alice)).result;
    const url = new URL((await providerSignOutUrl(user.id, PANEL))!);
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(url.searchParams.get("client_id")).toBe(provider.panel.id);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe(`${PANEL}/login`);
    // The provider accepts it (client and post-logout address registered): its sign-out form, not an error page.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/session/end/confirm");
    expect(await providerSignOutUrl(root.id, PANEL)).toBeNull();
  });
});

describe("local sign-in switch", () => {
  it("turns password sign-in off for everyone but the break-glass admin, enforced in the password route's check, and audited", async () => {
    await expect(updateSignInSettings(root, { localSignInOff: true, breakGlassUsername: null })).rejects.toThrow(
      /Choose the break-glass admin/,
    );
    await expect(updateSignInSettings(root, { localSignInOff: true, breakGlassUsername: "alice" })).rejects.toThrow(
      /not an active local admin/,
    );
    await updateSignInSettings(root, { localSignInOff: true, breakGlassUsername: "root" });
    expect(await signInSettings()).toEqual({ localSignInOff: true, breakGlassUsername: "root", breakGlassFromEnv: false });
    await expect(assertPasswordSignInAllowed("alice")).rejects.toMatchObject({ status: 403, code: "local_sign_in_off" });
    await expect(assertPasswordSignInAllowed("root")).resolves.toBeUndefined();
    expect(await db.auditEvent.count({ where: { action: "settings.sign_in", actorId: root.id } })).toBe(1);

    process.env.RMQ_PANEL_BREAK_GLASS_ADMIN = "root";
    try {
      expect((await signInSettings()).breakGlassFromEnv).toBe(true);
    } finally {
      delete process.env.RMQ_PANEL_BREAK_GLASS_ADMIN;
    }
    await updateSignInSettings(root, { localSignInOff: false, breakGlassUsername: "root" });
    await expect(assertPasswordSignInAllowed("alice")).resolves.toBeUndefined();
  });

  it("cannot be turned off while single sign-on is not configured", async () => {
    const issuer = process.env.RMQ_PANEL_OIDC_ISSUER;
    delete process.env.RMQ_PANEL_OIDC_ISSUER;
    try {
      expect(ssoConfig()).toBeNull();
      await expect(updateSignInSettings(root, { localSignInOff: true, breakGlassUsername: "root" })).rejects.toMatchObject({ status: 409 });
      await expect(beginLogin({ origin: PANEL })).rejects.toMatchObject({ code: "sso_notConfigured" });
    } finally {
      process.env.RMQ_PANEL_OIDC_ISSUER = issuer;
    }
  });
});

describe("configuration and inputs", () => {
  it("maps groups to the highest role they grant, and nothing to no role", () => {
    const config = { groups: { admin: ["a"], operator: ["o"], viewer: ["v"] } };
    expect(roleForGroups(config, ["v", "o"])).toBe("operator");
    expect(roleForGroups(config, ["a"])).toBe("admin");
    expect(roleForGroups(config, ["x"])).toBeNull();
    expect(groupsFromClaim("v")).toEqual(["v"]);
    expect(groupsFromClaim(["v", 3])).toEqual(["v"]);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });

  it("reads the environment, and names the variable that is wrong", () => {
    expect(ssoConfig({ RMQ_PANEL_OIDC_ISSUER: "" })).toBeNull();
    expect(
      ssoConfig({
        RMQ_PANEL_OIDC_ISSUER: "https://idp.example",
        RMQ_PANEL_OIDC_CLIENT_ID: "panel",
        RMQ_PANEL_OIDC_SCOPES: "profile groups",
      }),
    ).toMatchObject({
      scopes: "openid profile groups",
      groupsClaim: "groups",
      name: "OpenID Connect",
      groups: { admin: [], operator: [], viewer: [] },
    });
    expect(() => ssoConfig({ RMQ_PANEL_OIDC_ISSUER: "https://idp.example" })).toThrow(/RMQ_PANEL_OIDC_CLIENT_ID/);
  });

  it("takes only a path on this panel as the return path", () => {
    for (const good of ["/", "/clusters?tab=live", "/jobs/1#log"]) expect(returnToSchema.safeParse(good).success, good).toBe(true);
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "clusters", "/a b", "javascript:alert(1)"])
      expect(returnToSchema.safeParse(bad).success, bad).toBe(false);
  });
});
