import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";
import { killRocketmq } from "../lib/testing/lab/faults";
import { createLabCluster, ensureAdmin, json } from "./support/cluster-setup";
import { labHosts } from "./support/lab";

// rmq-panel, the command line, run as a child process against the panel Playwright started, with an API token this
// spec creates: listing, refusals, then a real RocketMQ 4.9.7 cluster on one lab host (a NameServer and a 3-node
// DLedger group on h7) deployed and restarted by the CLI, its log streamed and its exit code the job's result.
test.describe.configure({ mode: "serial" });

const CLUSTER = "CliE2E";
const GROUP = "cli-broker";
const VERSION = "4.9.7";
const host = () => labHosts()[6];

let baseURL: string;
let token: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `rmq-panel <args>` (the package's bin) with the panel's address and a token in its environment. */
function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/rmq-panel.mjs", ...args], {
      env: { ...process.env, RMQ_PANEL_URL: baseURL, RMQ_PANEL_TOKEN: token, RMQ_PANEL_CONFIG: "/nonexistent/rmq-panel.json", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`rmq-panel ${args.join(" ")} still running after ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  baseURL = String(testInfo.project.use.baseURL);
  await ensureRocketmqDistribution(VERSION);
  await killRocketmq([host()]);
  const page = await browser.newPage();
  await ensureAdmin(page);
  ({ secret: token } = await json<{ secret: string }>(await page.request.post("/api/tokens", { data: { name: "cli e2e" } })));
  await createLabCluster(page.request, {
    name: CLUSTER,
    brokerClusterName: "E2eCliCluster",
    installDir: "/opt/rmq-e2e-cli",
    rocketmqVersion: VERSION,
    nameServers: [host()],
    groups: [{ brokerName: GROUP, datacenter: "suzhou", hosts: [host(), host(), host()] }],
  });
  await page.close();
});

test.afterAll(async () => {
  await killRocketmq([host()]);
});

test("clusters ls lists the clusters, as text and as JSON", async () => {
  const text = await cli(["clusters", "ls"]);
  expect(text.code, text.stderr).toBe(0);
  expect(text.stdout).toMatch(new RegExp(`^${CLUSTER}\\s`, "m"));
  const asJson = await cli(["clusters", "ls", "--json"]);
  expect(asJson.code, asJson.stderr).toBe(0);
  const clusters: { name: string; id: string }[] = JSON.parse(asJson.stdout);
  expect(clusters.map((c) => c.name)).toContain(CLUSTER);
});

test("jobs ls answers, for every cluster and for one named", async () => {
  const listed = await cli(["jobs", "ls", "--json"]);
  expect(listed.code, listed.stderr).toBe(0);
  expect(Array.isArray(JSON.parse(listed.stdout))).toBe(true);
  const text = await cli(["jobs", "ls", "--cluster", CLUSTER]);
  expect(text.code, text.stderr).toBe(0);
});

test("a bad token exits non-zero with the API's own message", async ({ request }) => {
  const refusal = await request.get("/api/clusters", { headers: { authorization: "Bearer rmq_not-a-real-token" } });
  expect(refusal.status()).toBe(401);
  const { error } = await refusal.json();
  const run = await cli(["clusters", "ls"], { RMQ_PANEL_TOKEN: "rmq_not-a-real-token" });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain(error);
});

test("an unknown cluster exits non-zero and says so; so does a malformed target", async () => {
  const unknown = await cli(["topology", "NoSuchCluster"]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('no cluster named "NoSuchCluster"');
  const malformed = await cli(["restart", CLUSTER, `${GROUP}/n0/extra`]);
  expect(malformed.code).toBe(2);
});

test("deploy --follow streams the job's log and exits 0 when it succeeds; topology shows the leader", async () => {
  test.setTimeout(300_000);
  const run = await cli(["deploy", CLUSTER, "--follow", "--nameserver-jvm-options", "-Xms64m -Xmx128m -Xmn32m"], {}, 280_000);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  const lines = run.stdout.trim().split("\n");
  expect(lines.length).toBeGreaterThan(10);
  expect(lines.at(-1)).toMatch(/^job [0-9a-f-]+ succeeded/);

  await expect(async () => {
    const topology = await cli(["topology", CLUSTER, "--json"]);
    expect(topology.code, topology.stderr).toBe(0);
    const { snapshot } = JSON.parse(topology.stdout);
    expect(snapshot?.groups[0]?.leaderId).toMatch(/^n\d$/);
  }).toPass({ timeout: 60_000 });
});

test("restart <cluster> <group>/n0 --follow restarts one node and exits 0", async () => {
  test.setTimeout(240_000);
  const run = await cli(["restart", CLUSTER, `${GROUP}/n0`, "--follow", "--json"], {}, 220_000);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  const events = run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(events.filter((e) => e.type === "log").length).toBeGreaterThan(0);
  expect(events.at(-1)).toMatchObject({ type: "job", state: "succeeded" });
  const logs = await cli(["jobs", "logs", events.at(-1).id]);
  expect(logs.code).toBe(0);
  expect(logs.stdout.split("\n").length).toBeGreaterThan(events.length - 2);
});
