import { expect, type Page } from "@playwright/test";

export const ADMIN = { username: "admin", password: "correct-horse-battery" };
export const VIEWER = { username: "viewer1", password: "viewer-password-1" };
export const OPERATOR = { username: "operator1", password: "operator-password-1" };

// The sign-in page speaks the browser's language (nobody is signed in to have chosen one).
const SIGN_IN_WORDS = {
  en: { username: "Username", password: "Password", submit: "Sign in" },
  "zh-CN": { username: "用户名", password: "密码", submit: "登录" },
};

export async function signIn(page: Page, user: { username: string; password: string }, language: keyof typeof SIGN_IN_WORDS = "en") {
  const words = SIGN_IN_WORDS[language];
  await page.goto("/login");
  await page.getByLabel(words.username).fill(user.username);
  await page.getByLabel(words.password).fill(user.password);
  await page.getByRole("button", { name: words.submit }).click();
  await expect(page.getByTestId("current-user")).toHaveText(user.username);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Rows of a DataTable, by its accessible label. */
export const tableRows = (page: Page, label: string) => page.getByRole("table", { name: label }).locator("tbody tr");

/** Collects React's hydration errors (#418 text mismatch, #423/#425 and their development wording) a page reports. */
export function collectHydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  const record = (text: string) => {
    if (/#41[89]|#42[35]|[Hh]ydrat|did not match/.test(text)) errors.push(text);
  };
  page.on("pageerror", (error) => record(error.message));
  page.on("console", (message) => message.type() === "error" && record(message.text()));
  return errors;
}
