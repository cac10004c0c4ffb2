import fs from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { json } from "./support/cluster-setup";
import { ADMIN, signIn } from "./support/panel";

// API tokens as a script uses them: created on the Account page, sent as Authorization: Bearer with no Origin and
// no cookie, audited as the user via the token, refused once revoked or once their owner is disabled. No RocketMQ.
test.describe.configure({ mode: "serial" });
// No Origin by default here (the config adds the panel's own): the script clients below must send none. The
// browser's own requests carry it anyway; this file's cookie writes add it themselves.
test.use({ extraHTTPHeaders: {} });

const baseURL = () => String(test.info().project.use.baseURL);
const sameOrigin = () => ({ origin: new URL(baseURL()).origin });

async function signInAsAdmin(page: Page) {
  const setup = await page.request.post("/api/auth/setup", { data: ADMIN, headers: sameOrigin() });
  if (setup.status() !== 200) await signIn(page, ADMIN);
  else await page.goto("/");
}

/** A script's HTTP client: the token and nothing else (no Origin, no cookie). */
const scriptClient = (playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, secret: string) =>
  playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { authorization: `Bearer ${secret}` } });

async function createTokenOnAccountPage(page: Page, name: string): Promise<string> {
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Create token" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("token-secret").textContent()) ?? "";
  expect(secret).toMatch(/^rmqp_[A-Za-z0-9_-]{43}$/);
  return secret;
}

test("an admin's token works from a script, is audited as the admin via the token, and stops when revoked", async ({
  page,
  playwright,
}) => {
  await signInAsAdmin(page);
  const secret = await createTokenOnAccountPage(page, "e2e-script");
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: "test-results/screenshots/account.png", fullPage: true });

  // Shown once: after a reload only its prefix is left.
  await page.reload();
  await expect(page.getByRole("cell", { name: "e2e-script", exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByText(`${secret.slice(0, 12)}…`)).toBeVisible();

  const script = await scriptClient(playwright, secret);
  expect((await script.get("/api/clusters")).status()).toBe(200);
  const me = await json<{ user: { username: string; via: { tokenName: string } } }>(await script.get("/api/auth/me"));
  expect(me.user).toMatchObject({ username: ADMIN.username, via: { tokenName: "e2e-script" } });
  // A write without Origin: refused with the admin's cookie, accepted with the token.
  const cookieScript = await playwright.request.newContext({ baseURL: baseURL(), storageState: await page.context().storageState() });
  const noOrigin = await cookieScript.post("/api/datacenters", { data: { name: "Cookie DC", code: "cookie-dc" } });
  expect({ status: noOrigin.status(), code: (await noOrigin.json()).code }).toEqual({ status: 403, code: "cross_site" });
  await cookieScript.dispose();
  await json(await script.post("/api/datacenters", { data: { name: "Token DC", code: "token-dc" } }));
  const events = await json<{ action: string; targetName: string; actorName: string; tokenName: string | null }[]>(
    await page.request.get("/api/audit"),
  );
  expect(events.find((e) => e.action === "datacenter.create" && e.targetName === "token-dc")).toMatchObject({
    actorName: ADMIN.username,
    tokenName: "e2e-script",
  });
  await page.goto("/audit");
  await expect(page.getByText("via token e2e-script").first()).toBeVisible();

  await page.goto("/account");
  await page.getByRole("button", { name: "Revoke token e2e-script" }).click();
  await expect(page.getByRole("row", { name: /e2e-script/ }).getByText("revoked")).toBeVisible();
  const refused = await script.get("/api/clusters");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: "token_revoked", error: "This API token was revoked." });
  await script.dispose();
});

test("a disabled user's token is refused at once", async ({ page, playwright }) => {
  await signInAsAdmin(page);
  const holder = { username: "token-holder", password: "token-holder-password" };
  const created = await json<{ id: string }>(
    await page.request.post("/api/users", { data: { ...holder, role: "operator" }, headers: sameOrigin() }),
  );
  // The holder signs in as a browser would (with Origin) and makes a token through the API.
  const browser = await playwright.request.newContext({ baseURL: baseURL(), extraHTTPHeaders: sameOrigin() });
  await json(await browser.post("/api/auth/login", { data: holder }));
  const { secret, token } = await json<{ secret: string; token: { role: string } }>(
    await browser.post("/api/tokens", { data: { name: "holder-ci", expiresInDays: 7 } }),
  );
  expect(token.role).toBe("operator");
  const script = await scriptClient(playwright, secret);
  expect((await script.get("/api/jobs")).status()).toBe(200);

  await json(await page.request.patch(`/api/users/${created.id}`, { data: { disabled: true }, headers: sameOrigin() }));
  const refused = await script.get("/api/jobs");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).code).toBe("owner_disabled");
  expect((await browser.get("/api/tokens")).status()).toBe(401);
  await Promise.all([script.dispose(), browser.dispose()]);
});
