/**
 * `npm test`: every test, against real parts, on a fresh machine too. First what the tests need: the system packages
 * (scripts/provision.sh, idempotent, as root) and every pinned RocketMQ distribution (cached in .cache/rocketmq);
 * then the static checks (tsc, `npm run lint`). Then Vitest (unit + integration: Postgres, SSH lab, RocketMQ JVMs)
 * and Playwright (Chromium against the production build). Each prints its own summary; the last line adds them up.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";

fs.mkdirSync("test-results", { recursive: true });

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  return result.status ?? 1;
}

function prepare(step: string, command: string, args: string[]) {
  if (run(command, args) !== 0) {
    console.error(`\nnpm test: ${step} failed; no tests ran.\n0 passed, 1 failed, 0 skipped`);
    process.exit(1);
  }
}
prepare("provisioning (scripts/provision.sh)", "bash", ["scripts/provision.sh"]);
prepare("fetching RocketMQ", "npx", ["tsx", "scripts/rocketmq-fetch.ts", "--all"]);
// Cheap checks first: a type error, a lint finding or an arrow pointing up fails in seconds, not after the suite.
prepare("type checking (tsc)", "npx", ["tsc", "--noEmit"]);
prepare("linting (npm run lint: Biome, layer rules, unused exports)", "npm", ["run", "--silent", "lint"]);

const extraArgs = process.argv.slice(2);
const vitestStatus = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
  ...extraArgs,
]);
const playwrightStatus = run("npx", ["playwright", "test"]);

function readJson(file: string): Record<string, number> | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const vitest = readJson("test-results/vitest.json") as {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
} | null;
const playwright = (
  readJson("test-results/playwright.json") as {
    stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  } | null
)?.stats;
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.expected ?? 0) + (playwright?.flaky ?? 0);
const failed =
  (vitest?.numFailedTests ?? 0) +
  (playwright?.unexpected ?? 0) +
  (vitestStatus !== 0 && !vitest?.numFailedTests ? 1 : 0) +
  (playwrightStatus !== 0 && !playwright?.unexpected ? 1 : 0);
const skipped = (vitest?.numPendingTests ?? 0) + (playwright?.skipped ?? 0);

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitestStatus !== 0 || playwrightStatus !== 0 ? 1 : 0);
