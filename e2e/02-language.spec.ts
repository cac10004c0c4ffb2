import { expect, test } from "@playwright/test";
import { collectHydrationErrors, signIn, VIEWER } from "./support/panel";

// Runs after 01-foundation.spec.ts, which creates the viewer. A browser that prefers Simplified Chinese gets the
// panel in Chinese until the user picks a language in the menu; the choice is kept on the user, so it ends on
// English, the language every later spec's browser asks for anyway.
test.use({ locale: "zh-CN" });

const shot = (name: string) => ({ path: `test-results/e2e/screenshots/zh-CN-${name}.png`, fullPage: true });

test("a Chinese browser gets the sign-in page and the panel in Chinese, and the menu switches back to English", async ({ page }) => {
  const hydrationErrors = collectHydrationErrors(page);
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.screenshot(shot("login"));

  await page.getByLabel("用户名").fill(VIEWER.username);
  await page.getByLabel("密码").fill(VIEWER.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(VIEWER.username);
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "概览" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "集群" })).toBeVisible();
  await expect(nav.getByText("只读")).toBeVisible();
  await expect(page.getByRole("heading", { name: "概览" })).toBeVisible();
  await page.screenshot(shot("overview"));

  await nav.getByLabel("语言").selectOption("en");
  const english = page.getByRole("navigation", { name: "Main" });
  await expect(english.getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // Kept on the user: the Chinese browser still gets English after a reload.
  await page.reload();
  await expect(english.getByLabel("Language")).toHaveValue("en");
  await expect(english.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(hydrationErrors).toEqual([]);
});

test("a language the panel does not speak is refused with a specific 400", async ({ page }) => {
  // Signed out, the page follows the browser again.
  await signIn(page, VIEWER, "zh-CN");
  const response = await page.request.patch("/api/auth/me", { data: { locale: "fr" } });
  expect(response.status()).toBe(400);
  expect(await response.json()).toMatchObject({ code: "invalid_input", error: expect.stringContaining("locale") });
});
