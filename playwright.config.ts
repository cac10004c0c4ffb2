import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const BASE_URL = process.env.RMQ_PANEL_E2E_URL ?? "http://127.0.0.1:3100";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // The specs walk one operator story against one panel instance, in order.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: "test-results/e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: "test-results/playwright.json" }]]
    : [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    // The panel refuses writes without its own Origin, as browsers send it; Playwright's API requests send none.
    extraHTTPHeaders: { origin: new URL(BASE_URL).origin },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
