/**
 * `npm test`: every test, against real parts, on a fresh machine too. First what the tests need: the system packages
 * (scripts/provision.sh, idempotent, as root) and every pinned RocketMQ distribution (cached in .cache/rocketmq);
 * then the static checks (tsc, `npm run lint`). Then Vitest's two projects side by side: "lab" (the SSH host lab and
 * RocketMQ JVMs, one file at a time; its output streams) and "unit" (PostgreSQL only; its output is printed once the
 * lab project is done, so the two never interleave), then the production build. Then Playwright (Chromium against
 * that build). Each prints its own summary; the last line adds them up.
 */
import { spawn, spawnSync } from "node:child_process";
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
const vitestArgs = (project: string) => [
  "vitest",
  "run",
  `--project=${project}`,
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=test-results/vitest-${project}.json`,
  "--passWithNoTests",
  ...extraArgs,
];

/** Runs a command with its output into a file; resolves to its exit status. */
function runQuietly(command: string, args: string[], logFile: string): Promise<number> {
  const log = fs.openSync(logFile, "w");
  const child = spawn(command, args, { stdio: ["ignore", log, log], env: process.env });
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      fs.closeSync(log);
      resolve(code ?? 1);
    });
  });
}

// While the lab project waits on JVMs, the unit project runs, then the production build Playwright's panel serves
// (scripts/start.ts builds only when the sources are newer than the last build).
const besideLab = (async () => {
  const unit = await runQuietly("npx", vitestArgs("unit"), "test-results/vitest-unit.log");
  const build = await runQuietly("npx", ["next", "build"], "test-results/next-build.log");
  return { unit, build };
})();
const labStatus = run("npx", vitestArgs("lab"));
const { unit: unitStatus, build: buildStatus } = await besideLab;
process.stdout.write(fs.readFileSync("test-results/vitest-unit.log", "utf8"));
if (buildStatus !== 0) process.stdout.write(fs.readFileSync("test-results/next-build.log", "utf8"));
const playwrightStatus = run("npx", ["playwright", "test"]);

function readJson(file: string): Record<string, number> | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

type VitestReport = { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number } | null;
const vitest = [
  { status: labStatus, report: readJson("test-results/vitest-lab.json") as VitestReport },
  { status: unitStatus, report: readJson("test-results/vitest-unit.json") as VitestReport },
];
const playwright = (
  readJson("test-results/playwright.json") as {
    stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  } | null
)?.stats;
const sum = (count: (report: NonNullable<VitestReport>) => number | undefined) =>
  vitest.reduce((total, { report }) => total + (report ? (count(report) ?? 0) : 0), 0);
const passed = sum((r) => r.numPassedTests) + (playwright?.expected ?? 0) + (playwright?.flaky ?? 0);
// A runner that exited non-zero without a failed test in its report (it crashed, or a setup failed) counts as one.
const crashed = vitest.filter(({ status, report }) => status !== 0 && !report?.numFailedTests).length;
const failed =
  sum((r) => r.numFailedTests) + crashed + (playwright?.unexpected ?? 0) + (playwrightStatus !== 0 && !playwright?.unexpected ? 1 : 0);
const skipped = sum((r) => r.numPendingTests) + (playwright?.skipped ?? 0);

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(labStatus !== 0 || unitStatus !== 0 || playwrightStatus !== 0 ? 1 : 0);
