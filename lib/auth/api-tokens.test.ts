import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as tokenRoute from "../../app/api/tokens/[id]/route";
import * as tokensRoute from "../../app/api/tokens/route";
import * as userTokenRoute from "../../app/api/users/[id]/tokens/[tokenId]/route";
import * as userTokensRoute from "../../app/api/users/[id]/tokens/route";
import * as usersRoute from "../../app/api/users/route";
import { db } from "../db";
import { useFreshDatabase } from "../testing/fresh-database";
import { createUser, updateUser } from "./accounts";
import { bearerUser, createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { hashPassword } from "./password";
import type { SessionUser } from "./session";

const ORIGIN = "http://panel.test";
let admin: SessionUser;
let operator: SessionUser;

async function makeUser(username: string, role: SessionUser["role"]): Promise<SessionUser> {
  const user = await db.user.create({ data: { username, role, passwordHash: await hashPassword(`${username}-password`) } });
  return { id: user.id, username, role };
}

/** A request as a script sends it: a token, no Origin, no cookie. */
function scriptCall(
  handler: (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  {
    method = "GET",
    path = "/api/tokens",
    authorization,
    body,
    params = {},
    language,
  }: {
    method?: string;
    path?: string;
    authorization?: string;
    body?: unknown;
    params?: Record<string, string>;
    language?: string;
  },
) {
  const headers: Record<string, string> = { host: "panel.test", "content-type": "application/json" };
  if (authorization !== undefined) headers.authorization = authorization;
  if (language) headers["accept-language"] = language;
  const request = new NextRequest(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return handler(request, { params: Promise.resolve(params) });
}

beforeAll(async () => {
  await useFreshDatabase("rmq_api_tokens");
  admin = await makeUser("token-admin", "admin");
  operator = await makeUser("token-operator", "operator");
});

describe("API tokens", () => {
  it("creates a token whose secret is shown once and stored only as a hash, lists and revokes it", async () => {
    const { token, secret } = await createApiToken(operator, { name: "ci" });
    expect(secret).toMatch(/^rmqp_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "ci", role: "operator", prefix: secret.slice(0, 12), revokedAt: null, lastUsedAt: null });
    expect(token.expiresAt.getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).not.toContain(secret);
    expect(JSON.stringify(await listApiTokens(operator.id))).not.toContain(secret);
    expect((await listApiTokens(operator.id)).map((t) => t.id)).toContain(token.id);

    await expect(revokeApiToken(admin, admin.id, token.id)).rejects.toThrow(/not found/);
    const revoked = await revokeApiToken(operator, operator.id, token.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(bearerUser(`Bearer ${secret}`)).rejects.toThrow("This API token was revoked.");
    expect(await db.auditEvent.count({ where: { action: { in: ["token.create", "token.revoke"] }, targetId: token.id } })).toBe(2);
  });

  it("caps the role: no higher than the owner's at creation, and the lower of both at each request", async () => {
    await expect(createApiToken(operator, { name: "too-high", role: "admin" })).rejects.toThrow(/cannot have the role admin/);
    const viewer = await createApiToken(admin, { name: "read-only", role: "viewer" });
    expect((await bearerUser(`Bearer ${viewer.secret}`)).role).toBe("viewer");

    const demoted = await makeUser("token-demoted", "admin");
    const strong = await createApiToken(demoted, { name: "strong", role: "admin" });
    expect(await bearerUser(`bearer  ${strong.secret}`)).toMatchObject({
      role: "admin",
      via: { tokenId: strong.token.id, tokenName: "strong" },
    });
    await db.user.update({ where: { id: demoted.id }, data: { role: "viewer" } });
    expect((await bearerUser(`Bearer ${strong.secret}`)).role).toBe("viewer");
  });

  it("refuses expired tokens, tokens of a disabled owner and malformed headers with 401s", async () => {
    const { secret, token } = await createApiToken(operator, { name: "short", expiresInDays: 1 });
    await db.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(bearerUser(`Bearer ${secret}`)).rejects.toThrow("This API token has expired.");

    const owner = await createUser(admin, { username: "token-owner", password: "token-owner-password", role: "operator" });
    const owned = await createApiToken({ ...owner }, { name: "owned" });
    expect((await bearerUser(`Bearer ${owned.secret}`)).username).toBe("token-owner");
    await updateUser(admin, owner.id, { disabled: true });
    await expect(bearerUser(`Bearer ${owned.secret}`)).rejects.toThrow(/account this API token belongs to is disabled/);
    await updateUser(admin, owner.id, { disabled: false });
    expect((await bearerUser(`Bearer ${owned.secret}`)).username).toBe("token-owner");

    for (const header of ["", "Basic abc", "Bearer", "Bearer a b", `Bearer ${"x".repeat(5000)}`, "Bearer rmqp_\u0000"]) {
      await expect(bearerUser(header)).rejects.toMatchObject({ status: 401 });
    }
    await expect(bearerUser(`Bearer rmqp_${"A".repeat(43)}`)).rejects.toThrow("This API token is not valid.");
    await expect(createApiToken(operator, { name: "x", expiresInDays: 366 })).rejects.toThrow();
  });

  it("touches lastUsedAt at most once a minute", async () => {
    const { secret, token } = await createApiToken(operator, { name: "touch" });
    await bearerUser(`Bearer ${secret}`);
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await bearerUser(`Bearer ${secret}`);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(first);
  });
});

describe("route() with Authorization: Bearer", () => {
  it("accepts a token for a write without Origin, and the audit event names the token while the actor stays the user", async () => {
    const { secret, token } = await createApiToken(admin, { name: "script" });
    const response = await scriptCall(usersRoute.POST, {
      method: "POST",
      path: "/api/users",
      authorization: `Bearer ${secret}`,
      body: { username: "made-by-script", password: "made-by-script-pw", role: "viewer" },
    });
    expect(response.status).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", targetName: "made-by-script" } });
    expect(event).toMatchObject({ actorId: admin.id, actorName: admin.username, tokenId: token.id, tokenName: "script" });

    const listed = await scriptCall(tokensRoute.GET, { authorization: `Bearer ${secret}` });
    expect(listed.status).toBe(200);
    expect((await listed.json()).map((t: { name: string }) => t.name)).toContain("script");
  });

  it("applies the token's role: a viewer token cannot write, and cannot mint tokens", async () => {
    const { secret } = await createApiToken(admin, { name: "viewer-script", role: "viewer" });
    const write = await scriptCall(usersRoute.POST, {
      method: "POST",
      path: "/api/users",
      authorization: `Bearer ${secret}`,
      body: { username: "never-made", password: "never-made-password", role: "viewer" },
    });
    expect(write.status).toBe(403);
    const mint = await scriptCall(tokensRoute.POST, { method: "POST", authorization: `Bearer ${secret}`, body: { name: "child" } });
    expect({ status: mint.status, code: (await mint.json()).code }).toEqual({ status: 403, code: "token_from_token" });
  });

  it("judges a request with Authorization by the token only: a bad one is a 401 with a clear message", async () => {
    for (const [authorization, code] of [
      ["Bearer nope", "token_unknown"],
      ["Token abc", "bad_authorization"],
      [`Bearer ${"y".repeat(1000)}`, "bad_authorization"],
    ]) {
      const response = await scriptCall(tokensRoute.GET, { authorization });
      const data = await response.json();
      expect({ status: response.status, code: data.code }).toEqual({ status: 401, code });
      expect(data.error).toMatch(/token|Authorization/);
    }
    const chinese = await scriptCall(tokensRoute.GET, { authorization: "Bearer nope", language: "zh-CN" });
    expect(await chinese.json()).toMatchObject({ error: "该 API 令牌无效。" });
  });

  it("revokes through the API; the revoked token is then refused", async () => {
    const { secret, token } = await createApiToken(operator, { name: "to-revoke" });
    const revoke = await scriptCall(tokenRoute.DELETE, {
      method: "DELETE",
      path: `/api/tokens/${token.id}`,
      authorization: `Bearer ${secret}`,
      params: { id: token.id },
    });
    expect(revoke.status).toBe(200);
    expect((await revoke.json()).revokedAt).toEqual(expect.any(String));
    const after = await scriptCall(tokensRoute.GET, { authorization: `Bearer ${secret}` });
    expect({ status: after.status, code: (await after.json()).code }).toEqual({ status: 401, code: "token_revoked" });
  });

  it("still refuses a cookie-style write without Origin (no Authorization header)", async () => {
    const response = await scriptCall(tokensRoute.POST, { method: "POST", body: { name: "x" } });
    expect({ status: response.status, code: (await response.json()).code }).toEqual({ status: 403, code: "cross_site" });
  });

  it("lets an admin list and revoke another user's tokens, and only an admin", async () => {
    const { token } = await createApiToken(operator, { name: "seen-by-admin" });
    const adminToken = await createApiToken(admin, { name: "admin-script" });
    const operatorToken = await createApiToken(operator, { name: "operator-script" });
    const path = `/api/users/${operator.id}/tokens`;
    const listed = await scriptCall(userTokensRoute.GET, {
      path,
      authorization: `Bearer ${adminToken.secret}`,
      params: { id: operator.id },
    });
    expect((await listed.json()).map((t: { name: string }) => t.name)).toContain("seen-by-admin");
    const forbidden = await scriptCall(userTokensRoute.GET, {
      path,
      authorization: `Bearer ${operatorToken.secret}`,
      params: { id: operator.id },
    });
    expect(forbidden.status).toBe(403);
    const revoke = await scriptCall(userTokenRoute.DELETE, {
      method: "DELETE",
      path: `${path}/${token.id}`,
      authorization: `Bearer ${adminToken.secret}`,
      params: { id: operator.id, tokenId: token.id },
    });
    expect(revoke.status).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "token.revoke", targetId: token.id } });
    expect(event).toMatchObject({ actorId: admin.id, tokenName: "admin-script" });
  });
});
