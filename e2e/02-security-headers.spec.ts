import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./support/panel";

// Runs after 01-foundation.spec.ts, which creates the admin.

const SAME_EVERYWHERE: Record<string, RegExp> = {
  "x-frame-options": /^DENY$/,
  "x-content-type-options": /^nosniff$/,
  "referrer-policy": /^no-referrer$/,
  "permissions-policy": /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
};

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  for (const [name, value] of Object.entries(SAME_EVERYWHERE)) expect(headers[name], `${name} on ${what}`).toMatch(value);
  // Served over plain HTTP here: HSTS would be meaningless, and is only sent over HTTPS.
  expect(headers["strict-transport-security"], `HSTS on ${what}`).toBeUndefined();
}

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

test("pages carry a nonce-based CSP, a fresh nonce each time, on every script Next renders", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  expectSecurityHeaders(first, "a page");
  const policy = first.headers()["content-security-policy"];
  expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directive(policy, "object-src")).toBe("object-src 'none'");
  expect(directive(policy, "script-src")).not.toContain("unsafe-inline");
  expect(directive(policy, "script-src")).not.toContain("unsafe-eval");
  const nonce = /'nonce-([^']+)'/.exec(directive(policy, "script-src") ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script tag carries the nonce").toContain(`nonce="${nonce}"`);
});

test("API responses and static files carry the headers too", async ({ request }) => {
  const api = await request.get("/api/auth/me");
  expect(api.status()).toBe(401);
  expectSecurityHeaders(api, "an API route");
  expect(directive(api.headers()["content-security-policy"], "default-src")).toBe("default-src 'none'");

  const html = await (await request.get("/login")).text();
  const asset = /(?:src|href)="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
  expect(asset, "the login page links a static asset").toBeTruthy();
  const file = await request.get(asset!);
  expect(file.status()).toBe(200);
  expectSecurityHeaders(file, "a static asset");

  // The scheme comes from the socket unless a trusted proxy says otherwise: a client's own claim earns no HSTS.
  expectSecurityHeaders(
    await request.get("/login", { headers: { "x-forwarded-proto": "https" } }),
    "a page with a forged x-forwarded-proto",
  );

  const redirect = await request.get("/hosts", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect, "the sign-in redirect");
});

/** Every CSP violation a page reports, from the console and from the securitypolicyviolation event. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

test("the main pages work under the policy without a single violation", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await signIn(page, ADMIN);

  const origin = new URL(page.url()).origin;
  const created = await page.request.post("/api/clusters", {
    headers: { origin },
    data: { name: `csp-check-${Date.now()}`, brokerClusterName: "CspCluster", rocketmqVersion: "4.9.7" },
  });
  expect(created.status()).toBe(200);
  const cluster = (await created.json()) as { id: string };

  // Full loads and client-side navigation (the nav links) both.
  for (const [path, heading] of [
    ["/", "Overview"],
    ["/hosts", "Hosts"],
    ["/clusters", "Clusters"],
    [`/clusters/${cluster.id}/wizard`, /^Design: csp-check-/],
    [`/clusters/${cluster.id}/topology`, /: topology$/],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Datacenters" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Datacenters" })).toBeVisible();
  await nav.getByRole("link", { name: "Hosts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hosts" })).toBeVisible();
  expect(violations).toEqual([]);
});
