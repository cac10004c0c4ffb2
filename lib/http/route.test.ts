import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, conflict, notFound } from "../errors";
import { message } from "../i18n/message";
import { DEFAULT_BODY_LIMIT, errorResponse, route } from "./route";
import { displayName, idParams, revisionNumberSchema, revisionParams } from "../schema";
import { DATABASE_UNAVAILABLE_MESSAGE } from "./unavailable";

const session = vi.hoisted(() => ({
  user: null as null | { id: string; username: string; role: "admin" | "operator" | "viewer"; locale?: "en" | "zh-CN" | null },
}));
vi.mock("../auth/session", () => ({ currentUser: async () => session.user }));

const ORIGIN = "http://panel.test";
const ID = "6f1c2a9e-3b0d-4c8e-9f4a-2d7e5b1c0a93";

interface Call {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  params?: Promise<Record<string, string>>;
}

/** A same-origin JSON request, as the panel's pages send it, with parts overridden per test. */
function call(
  handler: ReturnType<typeof route>,
  { method = "POST", path = "/api/thing", headers = {}, body, params = Promise.resolve({}) }: Call = {},
) {
  const init: RequestInit & { duplex?: "half" } = {
    method,
    body,
    headers: { host: "panel.test", origin: ORIGIN, "content-type": "application/json", ...headers },
  };
  if (body instanceof ReadableStream) init.duplex = "half";
  return handler(new NextRequest(`${ORIGIN}${path}`, init as ConstructorParameters<typeof NextRequest>[1]), { params });
}

const echo = route({ role: "public", body: z.object({ name: z.string().max(100) }) }, async ({ body }) => ({ got: body }));
const read = route({ role: "public" }, async () => ({ ok: true }));

async function expectRefusal(response: Response, status: number, message: RegExp, code?: string) {
  const data = await response.json();
  expect({ status: response.status, error: data.error }).toEqual({ status, error: expect.stringMatching(message) });
  if (code) expect(data.code).toBe(code);
  return data;
}

beforeEach(() => {
  session.user = null;
});

describe("route(): what every handler can count on", () => {
  it("passes a same-origin JSON body through its schema", async () => {
    const response = await call(echo, { body: JSON.stringify({ name: "suzhou" }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ got: { name: "suzhou" } });
  });

  it("refuses a NUL character anywhere in the body, naming the field (PostgreSQL cannot store it)", async () => {
    const data = await expectRefusal(
      await call(echo, { body: JSON.stringify({ name: "a\u0000b" }) }),
      400,
      /^name: may not contain NUL/,
      "invalid_input",
    );
    expect(data.fieldErrors).toEqual({ name: [expect.stringContaining("NUL")] });
    await expectRefusal(
      await call(echo, { body: JSON.stringify({ name: "x", deep: [{ key: "\u0000" }] }) }),
      400,
      /^deep\.0\.key: may not contain NUL/,
    );
    await expectRefusal(await call(echo, { body: JSON.stringify({ name: "x", "bad\u0000key": 1 }) }), 400, /NUL/);
  });

  it("refuses NUL in query values and path segments, with or without a schema", async () => {
    await expectRefusal(
      await call(read, { method: "GET", path: "/api/thing?after=1%00" }),
      400,
      /^query parameter after: may not contain NUL/,
    );
    await expectRefusal(
      await call(read, { method: "GET", params: Promise.resolve({ id: "a\u0000" }) }),
      400,
      /^URL path id: may not contain NUL/,
    );
  });

  it("validates path params and the query with the route's schemas", async () => {
    const byId = route({ role: "public", params: idParams, query: z.object({ to: z.string().max(3) }) }, async ({ params, query }) => ({
      id: params.id,
      to: query.to,
    }));
    const ok = await call(byId, { method: "GET", path: "/api/thing?to=abc", params: Promise.resolve({ id: ID }) });
    expect(await ok.json()).toEqual({ id: ID, to: "abc" });
    await expectRefusal(
      await call(byId, { method: "GET", path: "/api/thing?to=abc", params: Promise.resolve({ id: "not-an-id" }) }),
      400,
      /^URL path id: must be an id/,
    );
    await expectRefusal(
      await call(byId, { method: "GET", path: "/api/thing?to=abcd", params: Promise.resolve({ id: ID }) }),
      400,
      /^query parameter to:/,
    );
  });

  it("refuses revision numbers beyond PostgreSQL's int4 and anything but digits", async () => {
    const revision = route({ role: "public", params: revisionParams }, async ({ params }) => ({ number: params.number }));
    const at = (number: string) => call(revision, { method: "GET", params: Promise.resolve({ id: ID, number }) });
    expect(await (await at("2147483647")).json()).toEqual({ number: 2147483647 });
    for (const bad of [String(2 ** 40), "2147483648", "0", "-1", "1e3", "0x10", "1.5", " 7", ""]) {
      await expectRefusal(await at(bad), 400, /^URL path number: Revision must be/);
    }
  });

  it("refuses a body that is not declared as JSON with 415", async () => {
    await expectRefusal(
      await call(echo, { body: JSON.stringify({ name: "x" }), headers: { "content-type": "text/plain" } }),
      415,
      /Content-Type: application\/json/,
      "unsupported_media_type",
    );
    await expectRefusal(
      await call(echo, { body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      415,
      /application\/json/,
    );
    expect(
      (await call(echo, { body: JSON.stringify({ name: "x" }), headers: { "content-type": "application/json; charset=UTF-8" } })).status,
    ).toBe(200);
  });

  it("refuses an oversized body with 413, by its Content-Length or while streaming it", async () => {
    const big = JSON.stringify({ name: "x".repeat(DEFAULT_BODY_LIMIT) });
    await expectRefusal(await call(echo, { body: big }), 413, /larger than this route accepts \(1 MiB\)/, "body_too_large");
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(`"${"x".repeat(64 * 1024)}`));
      },
    });
    await expectRefusal(await call(echo, { body: endless }), 413, /larger than this route accepts/);
    expect(pulled * 64 * 1024).toBeLessThan(DEFAULT_BODY_LIMIT + 256 * 1024);
    const roomy = route({ role: "public", body: z.object({ name: z.string() }), maxBodyBytes: 4 * DEFAULT_BODY_LIMIT }, async () => ({
      ok: true,
    }));
    expect((await call(roomy, { body: big })).status).toBe(200);
  });

  it("answers 400, not 500, for bodies that are not JSON or not UTF-8", async () => {
    await expectRefusal(await call(echo, { body: "{" }), 400, /must be JSON/, "bad_json");
    await expectRefusal(await call(echo, { body: new Uint8Array([0x7b, 0xff, 0x7d]) }), 400, /UTF-8/);
  });

  it("refuses deeply nested input and __proto__ keys", async () => {
    const deep = `{"name":"x","n":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    await expectRefusal(await call(echo, { body: deep }), 400, /nested deeper than 32 levels/);
    await expectRefusal(await call(echo, { body: '{"name":"x","__proto__":{"role":"admin"}}' }), 400, /^__proto__: is not an accepted key/);
    await expectRefusal(await call(read, { method: "GET", path: "/api/thing?__proto__=1" }), 400, /__proto__/);
  });

  it("refuses writes that do not come from the panel's own origin", async () => {
    const refusals: [string, Record<string, string>][] = [
      ["no Origin", { origin: "" }],
      ["Origin null", { origin: "null" }],
      ["unparsable Origin", { origin: "http://[::1" }],
      ["another host", { origin: "https://evil.example" }],
      ["same host, another scheme", { origin: "https://panel.test" }],
      ["same host, another port", { origin: "http://panel.test:8080" }],
      ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ];
    for (const [what, headers] of refusals) {
      const response = await call(read, { headers });
      expect(response.status, what).toBe(403);
      expect((await response.json()).code, what).toBe("cross_site");
    }
    expect((await call(read, { headers: { "sec-fetch-site": "same-origin" } })).status).toBe(200);
    expect((await call(read, { headers: { origin: "http://panel.test:80", host: "panel.test" } })).status).toBe(200);
    expect((await call(read, { headers: { origin: "https://panel.test", "x-forwarded-proto": "https" } })).status).toBe(200);
    expect((await call(read, { method: "GET", headers: { origin: "" } })).status).toBe(200);
  });

  it("checks the session before it looks at the input", async () => {
    const admin = route({ role: "admin", params: idParams }, async () => ({ ok: true }));
    expect((await call(admin, { method: "GET", params: Promise.resolve({ id: "bad" }) })).status).toBe(401);
    session.user = { id: ID, username: "v", role: "viewer" };
    expect((await call(admin, { method: "GET", params: Promise.resolve({ id: "bad" }) })).status).toBe(403);
  });
});

describe("errorResponse", () => {
  it("answers 503 with a clear message while the database is unreachable", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const response = errorResponse(new Error("Invalid `prisma.user.findMany()` invocation", { cause: refused }));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: DATABASE_UNAVAILABLE_MESSAGE, code: "database_unavailable" });
    expect(DATABASE_UNAVAILABLE_MESSAGE).toMatch(/database is unavailable/);
  });

  it("passes an AppError's own status through (a transaction timeout surfaced as 503)", async () => {
    const response = errorResponse(new AppError(message("errors.http.busy"), 503, "database_busy"));
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe("database_busy");
  });

  it("keeps anything else a 500 without details", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = errorResponse(new Error("secret detail"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("secret detail");
  });
});

describe("route(): errors in the reader's language", () => {
  const nul = () => ({ body: JSON.stringify({ name: "a\u0000b" }) });
  const answer = async (response: Response) => ({ status: response.status, ...(await response.json()) });

  it("answers the same refusal with the same code: in English by default, in Chinese for Accept-Language zh-CN", async () => {
    expect(await answer(await call(echo, nul()))).toMatchObject({
      status: 400,
      code: "invalid_input",
      error: "name: may not contain NUL characters (\\u0000).",
      fieldErrors: { name: ["may not contain NUL characters (\\u0000)."] },
    });
    expect(await answer(await call(echo, { ...nul(), headers: { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" } }))).toEqual({
      status: 400,
      code: "invalid_input",
      error: "name：不能包含 NUL 字符（\\u0000）。",
      fieldErrors: { name: ["不能包含 NUL 字符（\\u0000）。"] },
    });
    expect((await answer(await call(echo, { ...nul(), headers: { "accept-language": "fr-FR, de" } }))).error).toMatch(/^name: may not/);
  });

  it("speaks the signed-in user's language, whatever the browser asks for", async () => {
    const guarded = route({ role: "viewer", body: z.object({ name: z.string() }) }, async () => ({ ok: true }));
    session.user = { id: ID, username: "li", role: "viewer", locale: "zh-CN" };
    const refused = await answer(await call(guarded, { ...nul(), headers: { "accept-language": "en" } }));
    expect(refused).toMatchObject({ status: 400, code: "invalid_input", error: "name：不能包含 NUL 字符（\\u0000）。" });
    session.user = { id: ID, username: "li", role: "viewer", locale: null };
    expect((await answer(await call(guarded, nul()))).error).toMatch(/^name: may not contain NUL/);
    session.user = { id: ID, username: "li", role: "viewer", locale: "zh-CN" };
    const admin = route({ role: "admin" }, async () => ({ ok: true }));
    expect(await answer(await call(admin, { method: "GET" }))).toMatchObject({
      status: 403,
      code: "forbidden",
      error: "此操作需要管理员角色，你当前的角色是只读。",
    });
  });

  it("writes zod's own messages and the schemas' messages in Chinese, the field errors too", async () => {
    const zh = { "accept-language": "zh-CN" };
    const tooLong = await answer(await call(echo, { body: JSON.stringify({ name: "x".repeat(101) }), headers: zh }));
    expect(tooLong).toMatchObject({ status: 400, code: "invalid_input", error: expect.stringMatching(/^name：.*100/) });
    expect(tooLong.error).not.toMatch(/Too big|at most/i);
    expect(tooLong.fieldErrors.name[0]).toMatch(/100/);

    const named = route(
      { role: "public", body: z.object({ name: displayName("name"), revision: revisionNumberSchema }) },
      async () => ({}),
    );
    const english = await answer(await call(named, { body: JSON.stringify({ name: " ", revision: 0 }) }));
    expect(english).toMatchObject({
      error: "name: Name is required.",
      fieldErrors: { name: ["Name is required."], revision: ["Revision numbers start at 1."] },
    });
    const chinese = await answer(await call(named, { body: JSON.stringify({ name: " ", revision: 0 }), headers: zh }));
    expect(chinese).toMatchObject({
      status: 400,
      code: "invalid_input",
      error: "name：名称为必填项。",
      fieldErrors: { name: ["名称为必填项。"], revision: ["修订版本号从 1 开始。"] },
    });
    const byPath = route({ role: "public", params: revisionParams }, async () => ({}));
    const path = await call(byPath, { method: "GET", params: Promise.resolve({ id: ID, number: "0" }), headers: zh });
    expect((await answer(path)).error).toBe("URL 路径参数 number：修订版本不能小于 1。");
  });

  it("refuses an oversized body and a body that is not JSON in Chinese, with the same codes", async () => {
    const zh = { "accept-language": "zh-CN" };
    const big = JSON.stringify({ name: "x".repeat(DEFAULT_BODY_LIMIT) });
    expect(await answer(await call(echo, { body: big, headers: zh }))).toEqual({
      status: 413,
      code: "body_too_large",
      error: "请求体超过了此接口允许的大小（1 MiB）。",
    });
    expect(await answer(await call(echo, { body: "{", headers: zh }))).toEqual({
      status: 400,
      code: "bad_json",
      error: "请求体必须是 JSON。",
    });
    expect(await answer(await call(read, { headers: { ...zh, origin: "https://evil.example" } }))).toMatchObject({
      status: 403,
      code: "cross_site",
      error: "已拒绝跨站请求：它来自 https://evil.example，而不是 http://panel.test。",
    });
  });

  it("keeps an error's own message English for logs, and renders it in any language", () => {
    const error = conflict(message("errors.clusters.nameTaken", { name: "orders" }));
    expect(error.message).toBe('A cluster named "orders" already exists.');
    expect(error.in("zh-CN")).toEqual({ error: "名为“orders”的集群已存在。", fieldErrors: undefined });
    expect(notFound("revisionNumber", { number: 2147483647 }).message).toBe("Revision 2147483647 was not found.");
  });

  it("answers 503 in Chinese while the database is away", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const response = errorResponse(new Error("Invalid `prisma.user.findMany()` invocation", { cause: refused }), "zh-CN");
    expect(await response.json()).toEqual({
      error: "面板的数据库暂时不可用，正在重启或重新连接，请几秒后重试。",
      code: "database_unavailable",
    });
  });
});
