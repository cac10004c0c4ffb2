import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { DEFAULT_BODY_LIMIT, errorResponse, route } from "./route";
import { idParams, revisionParams } from "../schema";
import { DATABASE_UNAVAILABLE_MESSAGE } from "./unavailable";

const session = vi.hoisted(() => ({ user: null as null | { id: string; username: string; role: "admin" | "operator" | "viewer" } }));
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
    const response = errorResponse(new AppError("The database is busy; try again.", 503, "database_busy"));
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
