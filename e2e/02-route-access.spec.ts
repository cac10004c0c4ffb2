import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn, VIEWER } from "./support/panel";

// Runs after 01-foundation.spec.ts (files run in name order), which creates the viewer user.

const PUBLIC = new Set([
  "/login",
  "/setup",
  "POST /api/auth/login",
  "POST /api/auth/setup",
  // Single sign-on: off to the identity provider and back.
  "GET /api/auth/oidc/login",
  "GET /api/auth/oidc/callback",
]);
// What a viewer may do. Every other route, including any added later, must refuse a viewer.
const VIEWER_ALLOWED = new Set([
  "GET /api/auth/me",
  // Their own language.
  "PATCH /api/auth/me",
  "GET /api/datacenters",
  "GET /api/hosts",
  "GET /api/hosts/[id]",
  "GET /api/audit",
  "GET /api/clusters",
  "GET /api/clusters/[id]/draft",
  "GET /api/clusters/[id]/revisions",
  "GET /api/clusters/[id]/revisions/[number]",
  "GET /api/clusters/[id]/compare",
  "GET /api/clusters/[id]/topology",
  "GET /api/clusters/[id]/topology/events",
  "GET /api/clusters/[id]/topology/samples",
  "GET /api/clusters/[id]/topology/timeline",
  // The last drift check; checking now is an operator's.
  "GET /api/clusters/[id]/drift",
  // The console: lists, details and messages (bodies only for operators, decided by the server).
  "GET /api/clusters/[id]/topics",
  "GET /api/clusters/[id]/topics/[topic]",
  "GET /api/clusters/[id]/topics/[topic]/messages",
  "GET /api/clusters/[id]/topics/[topic]/messages/[messageId]",
  "GET /api/clusters/[id]/groups",
  "GET /api/clusters/[id]/groups/[group]",
  "GET /api/clusters/[id]/groups/[group]/lag",
  "GET /api/clusters/[id]/groups/[group]/dlq",
  "GET /api/jobs",
  "GET /api/jobs/[id]",
  "GET /api/jobs/[id]/events",
  "GET /api/jobs/[id]/logs",
  "POST /api/auth/logout",
  // One's own API tokens, sessions and password (the Account page).
  "GET /api/tokens",
  "POST /api/tokens",
  "DELETE /api/tokens/[id]",
  "GET /api/sessions",
  "DELETE /api/sessions",
  "DELETE /api/sessions/[id]",
  "POST /api/account/password",
  // The API's description (the API page reads it).
  "GET /api/openapi.json",
]);
const ADMIN_PAGES = new Set(["/credentials", "/users", "/settings"]);
const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";

interface Route {
  pattern: string;
  url: string;
}

/** Every page and API route in app/, found from the files themselves so none can be forgotten. */
function discover(dir = "app", prefix = ""): { pages: Route[]; api: (Route & { method: string })[] } {
  const pages: Route[] = [];
  const api: (Route & { method: string })[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
      const found = discover(full, prefix + segment);
      pages.push(...found.pages);
      api.push(...found.api);
    } else if (entry.name === "page.tsx") {
      pages.push({ pattern: prefix || "/", url: (prefix || "/").replace(/\[[^\]]+\]/g, SAMPLE_ID) });
    } else if (entry.name === "route.ts") {
      const methods = [...fs.readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      for (const method of methods) api.push({ method, pattern: prefix, url: prefix.replace(/\[[^\]]+\]/g, SAMPLE_ID) });
    }
  }
  return { pages, api };
}

const routes = discover();

test("the route list is complete enough to mean something", () => {
  expect(routes.pages.length).toBeGreaterThanOrEqual(8);
  expect(routes.api.length).toBeGreaterThanOrEqual(15);
});

test("an anonymous visitor is sent to sign-in from every page and refused by every API route", async ({ page, request }) => {
  for (const route of routes.pages.filter((r) => !PUBLIC.has(r.pattern))) {
    await page.goto(route.url);
    expect(new URL(page.url()).pathname, `page ${route.pattern}`).toBe("/login");
  }
  for (const route of routes.api.filter((r) => !PUBLIC.has(`${r.method} ${r.pattern}`))) {
    const response = await request.fetch(route.url, { method: route.method, data: route.method === "GET" ? undefined : {} });
    expect(response.status(), `${route.method} ${route.pattern}`).toBe(401);
  }
});

test("a viewer can read but is refused every change and every admin page", async ({ page }) => {
  await signIn(page, VIEWER);
  for (const route of routes.api.filter(
    (r) => !PUBLIC.has(`${r.method} ${r.pattern}`) && !VIEWER_ALLOWED.has(`${r.method} ${r.pattern}`),
  )) {
    const response = await page.request.fetch(route.url, { method: route.method, data: route.method === "GET" ? undefined : {} });
    expect(response.status(), `${route.method} ${route.pattern}`).toBe(403);
  }
  for (const route of routes.pages.filter((r) => ADMIN_PAGES.has(r.pattern))) {
    await page.goto(route.url);
    expect(new URL(page.url()).pathname, `page ${route.pattern}`).toBe("/forbidden");
  }
  for (const route of routes.api.filter(
    (r) => VIEWER_ALLOWED.has(`${r.method} ${r.pattern}`) && r.method === "GET" && !r.pattern.includes("["),
  )) {
    const response = await page.request.get(route.url);
    expect(response.status(), `${route.method} ${route.pattern}`).toBe(200);
  }
});

test("a cross-site write is refused even with a valid session", async ({ page }) => {
  await signIn(page, VIEWER);
  const response = await page.request.post("/api/auth/logout", { headers: { origin: "https://evil.example" } });
  expect(response.status()).toBe(403);
});

test("sign-in is rate-limited after repeated failures", async ({ request }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) {
    const response = await request.post("/api/auth/login", { data: { username: "nobody-here", password: `wrong-${i}` } });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(5)).toEqual([429, 429]);
  const last = await request.post("/api/auth/login", { data: { username: "nobody-here", password: "wrong" } });
  expect((await last.json()).error).toMatch(/Too many failed sign-in attempts/);
});
