import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";
import { killRocketmq } from "../lib/testing/lab/faults";
import { createLabCluster, deployThroughApi, ensureAdmin, json } from "./support/cluster-setup";
import { labHosts } from "./support/lab";
import { ADMIN, signIn, signOut, VIEWER } from "./support/panel";

// One-click restarts against real RocketMQ 4.9.7 (not the seed's 4.9.3, whose idle DLedger leader spins two threads,
// apache/rocketmq #4415, and on two cores starves heartbeats into elections no restart caused) on the lab's sshd hosts: a NameServer on h1 and one 3-node DLedger group
// on h3, h5 and h6, deployed through the API (NameServer restarts and applying a revision: lib/operations/operations.lab.test.ts). Independent of the earlier specs: it makes what it needs.
test.describe.configure({ mode: "serial" });

const CLUSTER = "RestartE2E";
const BROKER_CLUSTER = "E2eRestartCluster";
const GROUP = "restart@broker";
const INSTALL_DIR = "/opt/rmq-e2e-restart";
const VERSION = "4.9.7";
const TSX = ["--conditions=react-server", "--import", "tsx"];

const hosts = () => {
  const all = labHosts();
  return { nameServers: [all[0]], group: [all[2], all[4], all[5]] };
};
const allHosts = () => [...hosts().nameServers, ...hosts().group];
let clusterId: string;
const topologyUrl = () => `/clusters/${clusterId}/topology`;
const groupBox = (page: Page) => page.getByTestId(`topology-group-${GROUP}`);
const nodeCard = (page: Page, selfId: string) => page.getByTestId(`topology-node-${GROUP}-${selfId}`);
const nodePanel = (page: Page, selfId: string) => page.getByRole("complementary", { name: `Node ${GROUP}/${selfId}` });
const dialog = (page: Page) => page.getByTestId("operation-dialog");

async function healthyLeader(page: Page): Promise<string> {
  await expect(groupBox(page)).toHaveAttribute("data-leader", /^n\d$/, { timeout: 60_000 });
  const leader = (await groupBox(page).getAttribute("data-leader"))!;
  for (const selfId of ["n0", "n1", "n2"]) {
    await expect(nodeCard(page, selfId)).toHaveAttribute("data-health", "up", { timeout: 60_000 });
    await expect(nodeCard(page, selfId)).toHaveAttribute("data-role", selfId === leader ? "leader" : "follower", { timeout: 60_000 });
  }
  return (await groupBox(page).getAttribute("data-leader"))!;
}

/** Opens a node's panel and its operation dialog; returns the dialog once the server's plan is shown. */
async function openNodeOperation(page: Page, selfId: string, action: "Restart" | "Stop" | "Start") {
  // A click that lands before the page has hydrated selects nothing: click again until the panel opens.
  await expect(async () => {
    if (!(await nodePanel(page, selfId).isVisible())) await nodeCard(page, selfId).click();
    await expect(nodePanel(page, selfId)).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await nodePanel(page, selfId).getByRole("group", { name: "Node actions" }).getByRole("button", { name: action, exact: true }).click();
  await expect(dialog(page).getByTestId("operation-nodes")).toBeVisible({ timeout: 15_000 });
  return dialog(page);
}

async function confirmAndWait(page: Page, confirm: string, timeoutMs = 240_000): Promise<string> {
  await dialog(page).getByRole("button", { name: confirm, exact: true }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]+$/, { timeout: 15_000 });
  const jobId = new URL(page.url()).pathname.split("/")[2];
  await expect(page.getByTestId("job-state")).toHaveText("succeeded", { timeout: timeoutMs });
  return jobId;
}

async function jobLog(page: Page, jobId: string): Promise<string> {
  const lines = await json<{ text: string }[]>(await page.request.get(`/api/jobs/${jobId}/logs?limit=10000`));
  return lines.map((l) => l.text).join("\n");
}

/** Asks DLedger itself every 50 ms; prints a line as soon as any member names a leader other than `leader`. */
function watchForLeaderChange(leader: string, members: string[]): { child: ChildProcess; changed: () => string | null } {
  const child = spawn(process.execPath, [...TSX, "e2e/support/dledger-watch.ts", GROUP, leader, ...members], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  return { child, changed: () => output.split("\n").find((l) => l.startsWith("{")) ?? null };
}

/** Busy fraction of all cores below which the machine has room for the JVMs whatever they do. */
const MACHINE_ROOM = 0.6;
/** The cluster's JVMs' share of all cores at which they are done booting (four idle 4.9.7 JVMs: 0.11–0.16). */
const CLUSTER_IDLE = 0.2;

/** Jiffies (all cores) since boot: the machine's total and busy (not idle or waiting on I/O) time. */
function machineJiffies(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
}

/** Jiffies the cluster's own JVMs (the lab hosts' processes under INSTALL_DIR) have run, all their threads. */
function clusterJiffies(): number {
  let sum = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(INSTALL_DIR)) continue;
      // utime and stime are fields 14 and 15; the command name before them may hold spaces, so count from its ")".
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      sum += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return sum;
}

/**
 * Waits (at most a minute) until the cluster's JVMs have calmed down after booting: on two cores, freshly started
 * brokers compiling hot code can starve one another past DLedger's heartbeat deadline (3 × 2 s) and start an
 * election that no restart caused. A test that says "the leader stays" must not measure that. Done as soon as the
 * machine has room or the cluster's own JVMs are near idle: waiting out someone else's load (another test run, a
 * compiler) would not make it go away, and it cost up to a minute a test.
 */
async function quietMachine() {
  const started = Date.now();
  const samples: string[] = [];
  for (;;) {
    const [machineBefore, clusterBefore] = [machineJiffies(), clusterJiffies()];
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [machineAfter, clusterAfter] = [machineJiffies(), clusterJiffies()];
    const total = Math.max(1, machineAfter.total - machineBefore.total);
    const machine = (machineAfter.busy - machineBefore.busy) / total;
    const cluster = (clusterAfter - clusterBefore) / total;
    samples.push(`${machine.toFixed(2)}/${cluster.toFixed(2)}`);
    if (machine <= MACHINE_ROOM || cluster <= CLUSTER_IDLE || Date.now() - started >= 60_000) break;
  }
  console.log(`[restart] quiet after ${Date.now() - started} ms (busy machine/cluster JVMs per second: ${samples.join(" ")})`);
}

const dledgerMembers = () => hosts().group.map((h, i) => `n${i}=${h.address}:${40911}`);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(480_000);
  await ensureRocketmqDistribution(VERSION);
  await killRocketmq(allHosts());
  const page = await browser.newPage();
  await ensureAdmin(page);
  clusterId = await createLabCluster(page.request, {
    name: CLUSTER,
    brokerClusterName: BROKER_CLUSTER,
    installDir: INSTALL_DIR,
    rocketmqVersion: VERSION,
    nameServers: hosts().nameServers,
    groups: [{ brokerName: GROUP, datacenter: "suzhou", hosts: hosts().group }],
  });
  await deployThroughApi(page.request, clusterId, 400_000);
  await page.close();
});

test.afterAll(async () => {
  await killRocketmq(allHosts());
});

test.beforeEach(async ({}, testInfo) => {
  // Only the tests that judge leadership need the CPUs to have room; the viewer's does not.
  if (testInfo.title.startsWith("a viewer")) return;
  test.setTimeout(90_000);
  await quietMachine();
});

test("an operator restarts a follower with one click, and the group keeps its leader throughout", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  await page.goto(topologyUrl());
  const leader = await healthyLeader(page);
  const follower = ["n0", "n1", "n2"].find((id) => id !== leader)!;
  const watch = watchForLeaderChange(leader, dledgerMembers());
  try {
    const confirm = await openNodeOperation(page, follower, "Restart");
    await expect(confirm).toHaveAccessibleName(new RegExp(`^Restart ${GROUP} ${follower} \\(follower\\) on `));
    await expect(confirm.getByTestId("operation-refusal")).toHaveCount(0);
    await mkdir("test-results/screenshots", { recursive: true });
    await page.screenshot({ path: "test-results/screenshots/restart-confirm.png", fullPage: true });
    const jobId = await confirmAndWait(page, `Restart ${GROUP} ${follower}`);
    expect(await jobLog(page, jobId)).toMatch(new RegExp(`${GROUP} ${follower} is back .*follower of ${leader}`));
    expect(watch.changed(), "DLedger named another leader during a follower's restart").toBeNull();
  } finally {
    watch.child.kill();
  }
  await page.goto(topologyUrl());
  expect(await healthyLeader(page)).toBe(leader);
});

test("restarting the leader in safe mode hands leadership over first, and the old leader comes back as follower", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  await page.goto(topologyUrl());
  const leader = await healthyLeader(page);
  const confirm = await openNodeOperation(page, leader, "Restart");
  await expect(confirm).toHaveAccessibleName(new RegExp(`^Restart ${GROUP} ${leader} \\(leader\\)`));
  await expect(confirm.getByTestId("operation-warnings")).toContainText("leadership is handed to a caught-up follower before it stops");
  const jobId = await confirmAndWait(page, `Restart ${GROUP} ${leader}`);
  const log = await jobLog(page, jobId);
  const moved = new RegExp(`Leadership moved from ${leader} to (n\\d)`).exec(log);
  expect(moved, log).not.toBeNull();
  expect(log.indexOf("Leadership moved")).toBeLessThan(log.indexOf("sending SIGTERM"));
  await page.goto(topologyUrl());
  expect(await healthyLeader(page)).toBe(moved![1]);
  await expect(nodeCard(page, leader)).toHaveAttribute("data-role", "follower");
});

// Planned here, not run: the rolling upgrade of e2e/09-cluster-life.spec.ts takes the same nodes in the same order with
// the same steps (hand-off, pid-checked stop, start, rejoin) under a producer and loses no acked message.
test("a rolling restart of the group is planned one node at a time, followers first and the leader last", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await page.goto(topologyUrl());
  const leader = await healthyLeader(page);
  await nodeCard(page, "n0").click();
  await page
    .getByRole("region", { name: `Group ${GROUP}` })
    .getByRole("button", { name: `Rolling restart ${GROUP}` })
    .click();
  const rows = dialog(page).getByTestId("operation-nodes").locator("[data-step]");
  await expect(rows).toHaveCount(3, { timeout: 15_000 });
  const roles = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[3]?.textContent?.trim()));
  expect(roles).toEqual(["follower", "follower", "leader"]);
  await expect(rows.last()).toContainText(`${GROUP} ${leader}`);
  await expect(dialog(page).getByRole("button", { name: `Rolling restart ${GROUP}`, exact: true })).toBeEnabled();
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
});

test("a viewer sees no restart button and the API refuses them", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  const users = await json<{ username: string }[]>(await page.request.get("/api/users"));
  if (!users.some((u) => u.username === VIEWER.username))
    await json(await page.request.post("/api/users", { data: { ...VIEWER, role: "viewer" } }));
  await signOut(page);
  await signIn(page, VIEWER);
  await page.goto(topologyUrl());
  const leader = await healthyLeader(page);
  await nodeCard(page, leader).click();
  await expect(nodePanel(page, leader)).toBeVisible();
  await expect(page.getByRole("button", { name: /Restart|Stop|Rolling restart/ })).toHaveCount(0);
  const request = { action: "restart", target: { kind: "node", brokerName: GROUP, selfId: leader } };
  for (const path of ["operations", "operations/preview"]) {
    const response = await page.request.post(`/api/clusters/${clusterId}/${path}`, { data: request });
    expect(response.status()).toBe(403);
  }
});

// Last: it leaves a node stopped, for afterAll to kill with the rest (the start job itself is tested in
// lib/operations/operations.lab.test.ts; here its dialog is only opened, for a node that is down).
test("a restart that would break the group's majority is refused, in the dialog and by the API", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  await page.goto(topologyUrl());
  const leader = await healthyLeader(page);
  const [first, second] = ["n0", "n1", "n2"].filter((id) => id !== leader);
  await openNodeOperation(page, first, "Stop");
  await confirmAndWait(page, `Stop ${GROUP} ${first}`);
  await page.goto(topologyUrl());
  await expect(nodeCard(page, first)).toHaveAttribute("data-health", "down", { timeout: 30_000 });
  const confirm = await openNodeOperation(page, second, "Restart");
  await expect(confirm.getByTestId("operation-refusal")).toContainText(`would leave ${GROUP} with 1 of 3 nodes`);
  await expect(confirm.getByRole("button", { name: `Restart ${GROUP} ${second}`, exact: true })).toBeDisabled();
  await page.screenshot({ path: "test-results/screenshots/restart-refused.png", fullPage: true });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  const api = await page.request.post(`/api/clusters/${clusterId}/operations`, {
    data: { action: "restart", target: { kind: "node", brokerName: GROUP, selfId: second } },
  });
  expect(api.status()).toBe(409);
  expect((await api.json()).error).toMatch(/Refused: Taking .* down would leave/);
  // Starting the stopped node again is offered and not refused.
  await page.reload();
  const start = await openNodeOperation(page, first, "Start");
  await expect(start.getByTestId("operation-refusal")).toHaveCount(0);
  await expect(start.getByRole("button", { name: `Start ${GROUP} ${first}`, exact: true })).toBeEnabled();
});
