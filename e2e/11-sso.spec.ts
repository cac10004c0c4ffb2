import { expect, test } from "@playwright/test";
import { ensureAdmin } from "./support/cluster-setup";
import { E2E_SSO_USERS } from "./support/oidc-provider";
import { ADMIN } from "./support/panel";

// Single sign-on through the real OpenID Provider global-setup.ts starts (oidc-provider on loopback, "Test IdP").

test("signs in through the identity provider with the role its groups give, and signs out there too", async ({ page }) => {
  await ensureAdmin(page);
  await page.context().clearCookies();
  await page.goto("/login");
  const button = page.getByRole("link", { name: "Sign in with Test IdP" });
  await expect(button).toBeVisible();
  // Local accounts keep working beside it.
  await expect(page.getByLabel("Password")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/login-sso.png", fullPage: true });

  await button.click();
  await expect(page).toHaveURL(/\/interaction\//);
  await expect(page.getByRole("heading", { name: "Test IdP" })).toBeVisible();
  const { operator } = E2E_SSO_USERS;
  await page.getByLabel("Username").fill(operator.username);
  await page.getByLabel("Password").fill(operator.password);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByTestId("current-user")).toHaveText(operator.username);
  await expect(page.getByRole("navigation").getByText("operator", { exact: true })).toBeVisible();
  const me = await (await page.request.get("/api/auth/me")).json();
  expect(me.user).toMatchObject({ username: operator.username, role: "operator" });

  await page.getByRole("button", { name: "Sign out" }).click();
  // The provider's end-session page, then back to the panel's sign-in.
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
});

test("a provider user in none of the groups is sent back to sign-in with the reason", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  const { outsider } = E2E_SSO_USERS;
  await page.getByLabel("Username").fill(outsider.username);
  await page.getByLabel("Password").fill(outsider.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/login\?sso_error=noRole$/);
  await expect(page.getByText(/in none of the groups that give a role on this panel/)).toBeVisible();
});

test("an admin turns password sign-in off except for the break-glass admin; the server refuses everyone else", async ({
  page,
  request,
}) => {
  await ensureAdmin(page);
  await page.goto("/settings");
  await expect(page.getByText("rmq-operators")).toBeVisible();
  await page.getByLabel("Break-glass admin", { exact: true }).selectOption(ADMIN.username);
  await page.getByLabel(/Turn password sign-in off/).check();
  await page.getByRole("button", { name: "Save" }).click();
  try {
    await expect(page.getByText("Saved.")).toBeVisible();
    // Enforced by the password route, whatever the page shows.
    const refused = await request.post("/api/auth/login", { data: { username: "viewer1", password: "viewer-password-1" } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe("local_sign_in_off");
    expect((await request.post("/api/auth/login", { data: ADMIN })).status()).toBe(200);
  } finally {
    const restored = await page.request.put("/api/auth/oidc/settings", {
      data: { localSignInOff: false, breakGlassUsername: ADMIN.username },
    });
    expect(restored.status()).toBe(200);
  }
});
