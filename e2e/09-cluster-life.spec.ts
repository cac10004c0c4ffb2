import fs, { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { INSTALL_MARKER } from "../lib/nodes/install-scripts";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";
import { consumeAll, createTopic, type JavaProducer, startGroupConsumer, startProducer } from "../lib/testing/java-client";
import { killRocketmq } from "../lib/testing/lab/faults";
import { labHostDir } from "../lib/testing/lab/hosts";
import { createLabCluster, deployThroughApi, ensureAdmin, json } from "./support/cluster-setup";
import { probeCluster } from "./support/cluster-probe";
import { labHosts } from "./support/lab";

// The rest of a running cluster's life, from the browser, on the lab hosts h9–h12 (the other specs use h1–h7):
// NameServers on h9 and h10 and the group hangzhou@broker on h9, h10, h11, deployed on the seed's RocketMQ 4.9.3.
//   1 the CVE finding's "Upgrade to 4.9.7", under a producer. h10's 4.9.7 is broken before the apply (its broker jar
//     removed from a home carrying the right install marker, so the install step keeps it): the node there cannot
//     boot and is rolled back; the operator repairs the host and presses Retry, and the upgrade finishes.
//   2 scale out: a second group added in the wizard on h12 and h11; the running processes keep their pids.
//   3 scale in: the first group removed under a producer and a consumer, drained (the operator stops waiting from the
//     job page once it reads empty), stopped, unlisted, its store kept; every acked message read back.
// 4.9.3 runs only until the upgrade is over (its idle DLedger leader spins two threads, apache/rocketmq #4415).
test.describe.configure({ mode: "serial" });

const FROM = "4.9.3";
const TO = "4.9.7";
const CLUSTER = "LifeE2E";
const BROKER_CLUSTER = "E2eLifeCluster";
const DATACENTER = "hangzhou";
const FIRST = `${DATACENTER}@broker`;
const SECOND = `${DATACENTER}@broker-2`;
const INSTALL_DIR = "/opt/rmq-e2e-life";
const TOPIC = "LifeOrders";

const hosts = () => {
  const [h9, h10, h11, h12] = labHosts().slice(8, 12);
  return { h9, h10, h11, h12 };
};
const allHosts = () => Object.values(hosts());
const namesrv = () => `${hosts().h9.address}:9876;${hosts().h10.address}:9876`;
/** A path under INSTALL_DIR as this machine sees a lab host's private /opt. */
const onHost = (host: { name: string }, under: string) =>
  path.join(labHostDir(host.name, "/opt"), INSTALL_DIR.slice("/opt/".length), under);

let clusterId: string;
let producer: JavaProducer | null = null;

/** The pids of this spec's NameServers and brokers, from the lab hosts' process table. */
function clusterPids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        return cmdline.includes(INSTALL_DIR) && /BrokerStartup|NamesrvStartup/.test(cmdline);
      } catch {
        return false; // ended between listing and reading
      }
    })
    .map(Number)
    .sort((a, b) => a - b);
}

/** The groups a NameServer lists, with their brokerIds, through the panel's own client. */
async function listedGroups(address: string): Promise<Record<string, number[]>> {
  const { groups } = await probeCluster(address, BROKER_CLUSTER);
  return Object.fromEntries(groups.map((g) => [g.brokerName, g.brokerIds.sort()]));
}

interface PlanStep {
  action: string;
  kind: string;
  role: string;
  group: string;
  order: number;
}

/** The apply dialog's steps as the job will take them. */
async function planSteps(page: Page): Promise<PlanStep[]> {
  const steps = await page
    .getByTestId("operation-dialog")
    .locator("[data-step]")
    .evaluateAll((items) =>
      items.map((li) => ({
        action: li.getAttribute("data-action") ?? "",
        kind: li.getAttribute("data-kind") ?? "",
        role: li.getAttribute("data-role") ?? "",
        group: li.getAttribute("data-group") ?? "",
        order: Number(li.getAttribute("data-order")),
      })),
    );
  return steps.sort((a, b) => a.order - b.order);
}

async function jobLog(page: Page, jobId: string): Promise<string> {
  const lines = await json<{ text: string }[]>(await page.request.get(`/api/jobs/${jobId}/logs?limit=10000`));
  return lines.map((l) => l.text).join("\n");
}

/** Clicks the dialog's apply button and returns the job id once the job page shows. */
async function applyFromDialog(page: Page): Promise<string> {
  const apply = page.getByTestId("operation-dialog").getByRole("button", { name: /^Apply revision #\d+$/ });
  await apply.click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]+$/, { timeout: 30_000 });
  return new URL(page.url()).pathname.split("/")[2];
}

const wizardStep = (page: Page, name: string) => page.getByRole("list", { name: "Wizard steps" }).getByRole("button", { name });

/** Saves the wizard's draft, from its groups step, as the next revision (desired); returns its number. */
async function saveRevision(page: Page, note: string): Promise<number> {
  await page.getByRole("button", { name: /Next: Tuning/ }).click();
  await expect(wizardStep(page, "4. Tuning")).toHaveAttribute("aria-current", "step");
  await page.getByRole("button", { name: /Next: Review/ }).click();
  await expect(page.getByTestId("lint-summary")).toContainText("0 errors");
  await page.getByLabel("Revision note").fill(note);
  await page.getByRole("button", { name: "Save revision" }).click();
  const saved = page.getByRole("status").filter({ hasText: /Saved revision #\d+\./ });
  await expect(saved).toBeVisible();
  return Number(/Saved revision #(\d+)/.exec((await saved.textContent()) ?? "")![1]);
}

/** Opens the apply plan of a revision from the cluster page; returns its steps once the server's plan is shown. */
async function openApply(page: Page, revision: number): Promise<PlanStep[]> {
  await page.goto(`/clusters/${clusterId}`);
  await page.getByRole("button", { name: `Apply revision #${revision}`, exact: true }).click();
  const dialog = page.getByTestId("operation-dialog");
  await expect(dialog.getByTestId("operation-nodes")).toBeVisible({ timeout: 60_000 });
  await expect(dialog.locator('[data-refused="true"]')).toHaveCount(0);
  return planSteps(page);
}

/** h10's 4.9.7 as the install step finds it already there (the right marker), without the broker's own jar. */
async function breakReleaseOnH10() {
  const release = await ensureRocketmqDistribution(TO);
  const home = onHost(hosts().h10, `rocketmq-${TO}`);
  fs.rmSync(home, { recursive: true, force: true });
  fs.cpSync(release.home, home, { recursive: true });
  fs.writeFileSync(path.join(home, INSTALL_MARKER), `${release.sha256}\n`);
  fs.rmSync(path.join(home, "lib", `rocketmq-broker-${TO}.jar`));
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(420_000);
  await Promise.all([ensureRocketmqDistribution(FROM), ensureRocketmqDistribution(TO)]);
  await killRocketmq(allHosts());
  for (const host of allHosts())
    for (const sub of ["nodes", "store", `rocketmq-${TO}`]) fs.rmSync(onHost(host, sub), { recursive: true, force: true });
  const page = await browser.newPage();
  await ensureAdmin(page);
  const { h9, h10, h11, h12 } = hosts();
  clusterId = await createLabCluster(page.request, {
    name: CLUSTER,
    brokerClusterName: BROKER_CLUSTER,
    rocketmqVersion: FROM,
    installDir: INSTALL_DIR,
    nameServers: [h9, h10],
    groups: [{ brokerName: FIRST, datacenter: DATACENTER, hosts: [h9, h10, h11] }],
    spareHosts: [h12],
    // A restarted NameServer is complete once every broker registered again: every 10 s rather than 30.
    brokerProperties: { registerNameServerPeriod: "10000" },
  });
  await deployThroughApi(page.request, clusterId);
  await page.close();
});

test.afterAll(async () => {
  await producer?.stop().catch(() => undefined);
  // Every JVM this spec started stops here: the lab's teardown would kill them too, but not before later specs run.
  await killRocketmq(allHosts());
  fs.rmSync(onHost(hosts().h10, `rocketmq-${TO}`), { recursive: true, force: true });
});

test(`an operator upgrades off ${FROM} from the CVE finding under a producer; a node that cannot boot ${TO} is rolled back, and Retry finishes`, async ({
  page,
  context,
}) => {
  test.setTimeout(600_000);
  const started = Date.now();
  await ensureAdmin(page);
  await createTopic({ namesrv: namesrv(), cluster: BROKER_CLUSTER, topic: TOPIC, queues: 4, version: TO });
  // Route refresh every second, as a producer tuned for failovers would.
  producer = await startProducer({ namesrv: namesrv(), topic: TOPIC, rate: 20, pollNameServerIntervalMs: 1_000, version: TO });
  await breakReleaseOnH10();

  await page.goto(`/clusters/${clusterId}`);
  const advisories = page.getByTestId("release-advisories");
  await expect(advisories).toContainText("apache/rocketmq#4415");
  await advisories
    .getByRole("row", { name: /CVE-2023-33246/ })
    .getByRole("button", { name: `Upgrade to ${TO}` })
    .click();

  // The plan, before anything runs: install on every host first, the NameServers one at a time, the leader last.
  const dialog = page.getByTestId("operation-dialog");
  await expect(dialog.getByTestId("operation-nodes")).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId("plan-upgrade")).toContainText(`RocketMQ ${FROM} → ${TO}`);
  await expect(dialog.locator('[data-refused="true"]')).toHaveCount(0);
  const steps = await planSteps(page);
  const installs = steps.filter((s) => s.action === "install");
  const upgrades = steps.filter((s) => s.action === "upgrade");
  expect(installs).toHaveLength(3);
  expect(Math.max(...installs.map((s) => s.order))).toBeLessThan(Math.min(...upgrades.map((s) => s.order)));
  expect(upgrades.map((s) => s.kind)).toEqual(["namesrv", "namesrv", "broker", "broker", "broker"]);
  expect(upgrades.filter((s) => s.kind === "broker").map((s) => s.role)).toEqual(["follower", "follower", "leader"]);
  await page.screenshot({ path: "test-results/screenshots/upgrade-plan.png", fullPage: true });
  const jobId = await applyFromDialog(page);

  // The node on h10 cannot boot the broken release: rolled back, the job stops there and says so.
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", /^(failed|succeeded)$/, { timeout: 420_000 });
  const failed = await json<{ state: string; error: string | null }>(await page.request.get(`/api/jobs/${jobId}`));
  expect(failed.state, (await jobLog(page, jobId)).split("\n").slice(-40).join("\n")).toBe("failed");
  expect(failed.error).toMatch(
    new RegExp(
      `Upgrading ${FIRST} n\\d on \\S+ to RocketMQ ${TO} failed \\(.*\\)\\. It was rolled back to RocketMQ ${FROM} with its previous config\\.`,
      "s",
    ),
  );
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "rolled back" })).toContainText(
    `It was rolled back to RocketMQ ${FROM} with its previous config`,
  );
  await page.screenshot({ path: "test-results/screenshots/upgrade-rolled-back.png", fullPage: true });
  const failedAfter = ((Date.now() - started) / 1000).toFixed(1);

  fs.rmSync(onHost(hosts().h10, `rocketmq-${TO}`), { recursive: true, force: true });
  await page.getByRole("button", { name: "Retry from failed step" }).click();
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "succeeded", { timeout: 420_000 });
  expect(await jobLog(page, jobId)).toMatch(new RegExp(`Upgrading ${FIRST} n\\d on \\S+ to RocketMQ ${TO} failed`));
  await page.screenshot({ path: "test-results/screenshots/upgrade-job.png", fullPage: true });

  const topology = await context.newPage();
  await topology.goto(`/clusters/${clusterId}/topology`);
  const versions = () =>
    topology.locator('[data-testid^="topology-node-"]').evaluateAll((cards) => cards.map((c) => c.getAttribute("data-version") ?? ""));
  await expect.poll(versions, { timeout: 90_000, intervals: [2_000] }).toEqual(["V4_9_7", "V4_9_7", "V4_9_7"]);
  await topology.screenshot({ path: "test-results/screenshots/upgrade-topology-done.png", fullPage: true });
  await topology.close();

  const produced = await producer.stop();
  producer = null;
  const consumed = await consumeAll({ namesrv: namesrv(), topic: TOPIC, idleMs: 5_000, expected: produced, version: TO });
  console.log(
    `upgrade: rolled back after ${failedAfter} s, ${FROM} → ${TO} done ${((Date.now() - started) / 1000).toFixed(1)} s in; ` +
      `${produced.acked} acked (${produced.failedAttempts} failed attempts retried, longest outage ${produced.longestOutageMs} ms, ` +
      `${produced.gaveUp} given up), ${consumed.distinctKeys} read back`,
  );
  expect(produced.gaveUp).toBe(0);
  expect(consumed.missingKeys).toEqual([]);
  expect(consumed.distinctKeys).toBe(produced.acked);

  // Off the vulnerable release; the way back is offered and planned as the same rolling upgrade the other way.
  await page.goto(`/clusters/${clusterId}`);
  await expect(page.getByTestId("release-advisories")).toHaveCount(0);
  await page.getByRole("button", { name: "Roll back to revision #1", exact: true }).click();
  const back = page.getByTestId("operation-dialog");
  await expect(back.getByTestId("plan-upgrade")).toContainText(`RocketMQ ${TO} → ${FROM}`, { timeout: 60_000 });
  await back.getByRole("button", { name: "Cancel" }).click();
});

test("the operator adds a group from the wizard: only its processes start, the running ones keep their pids", async ({ page }) => {
  test.setTimeout(300_000);
  await ensureAdmin(page);
  const { h11, h12 } = hosts();
  const inventory = await json<{ id: string; address: string }[]>(await page.request.get("/api/hosts"));
  const hostId = (address: string) => inventory.find((h) => h.address === address)!.id;
  const before = clusterPids();
  expect(before).toHaveLength(5);

  await page.goto(`/clusters/${clusterId}/wizard`);
  await wizardStep(page, "3. Groups").click();
  await page.getByRole("button", { name: `Add group in ${DATACENTER}` }).click();
  for (const [i, lab] of [h12, h11, h12].entries()) await page.getByLabel(`Host of ${SECOND} n${i}`).selectOption(hostId(lab.address));
  await page.getByRole("button", { name: "Auto-place and allocate" }).click();
  const added = await saveRevision(page, `Add ${SECOND}`);

  const steps = await openApply(page, added);
  expect(steps.map((s) => `${s.action} ${s.group}`)).toEqual(["install ", `start-group ${SECOND}`]);
  await page.screenshot({ path: "test-results/screenshots/scale-out-plan.png", fullPage: true });
  await applyFromDialog(page);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "succeeded", { timeout: 240_000 });

  const grown = clusterPids();
  expect(
    grown.filter((pid) => before.includes(pid)),
    "the running processes kept their pids",
  ).toEqual(before);
  expect(grown).toHaveLength(8);
  for (const address of namesrv().split(";")) {
    const listed = await listedGroups(address);
    expect(listed[SECOND], `${address} lists ${SECOND} with its leader`).toEqual([0, expect.any(Number), expect.any(Number)]);
  }
  await page.goto(`/clusters/${clusterId}/topology`);
  await expect(page.getByTestId(`topology-group-${SECOND}`)).toHaveAttribute("data-leader", /^n\d$/, { timeout: 60_000 });
});

test("the operator removes the first group under a producer and a consumer: drained, stopped, unlisted, its store kept", async ({
  page,
}) => {
  test.setTimeout(420_000);
  await ensureAdmin(page);
  // The new group takes the topic too; this producer refreshes its routes every 5 s, so it leaves the removed group
  // long before the drain's margin for default clients ends and the operator may stop waiting once it reads empty.
  await createTopic({ namesrv: namesrv(), cluster: BROKER_CLUSTER, topic: TOPIC, queues: 4, version: TO });
  const consumer = await startGroupConsumer({ namesrv: namesrv(), topic: TOPIC, group: "life-readers", mode: "push", version: TO });
  producer = await startProducer({ namesrv: namesrv(), topic: TOPIC, rate: 20, pollNameServerIntervalMs: 5_000, version: TO });
  const kept = clusterPids();

  await page.goto(`/clusters/${clusterId}/wizard`);
  await wizardStep(page, "3. Groups").click();
  await page.getByRole("button", { name: `Remove group ${FIRST}`, exact: true }).click();
  const removed = await saveRevision(page, `Remove ${FIRST}`);
  const steps = await openApply(page, removed);
  expect(steps.map((s) => `${s.action} ${s.group}`)).toEqual([`decommission ${FIRST}`]);
  // An admin may delete the store instead; this one keeps it.
  await expect(page.getByTestId("operation-delete-data")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/decommission-plan.png", fullPage: true });
  const jobId = await applyFromDialog(page);

  // The drain, live on the job page, with the operator's "Stop waiting" beside it; this run waits it out: it ends once
  // the group reads empty and every producer had time to refresh its routes (the stop itself: stop-waiting.test.ts).
  const drain = page.getByTestId("drain");
  await expect(drain).toBeVisible({ timeout: 120_000 });
  await expect(drain.getByRole("button", { name: "Stop waiting" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/decommission-drain.png", fullPage: true });
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "succeeded", { timeout: 240_000 });
  const log = await jobLog(page, jobId);
  expect(log).toMatch(new RegExp(`Draining ${FIRST}: nothing left to consume`));
  expect(log).toMatch(new RegExp(`${FIRST} is gone: 2 NameServers list it no more`));

  const produced = await producer.stop();
  producer = null;
  const acked = new Set(Array.from({ length: produced.sent }, (_, i) => `k-${i}`).filter((k) => !produced.gaveUpKeys.includes(k)));
  const read = () => new Set(consumer.received.map((m) => m.key).filter((k): k is string => k !== null && acked.has(k)));
  try {
    await expect.poll(() => read().size, { timeout: 60_000, intervals: [500] }).toBe(acked.size);
  } finally {
    await consumer.stop();
  }
  console.log(`decommission: ${produced.acked} acked (${produced.gaveUp} given up), ${read().size} read back by the consumer`);
  expect(produced.gaveUp).toBe(0);

  // The first group's three nodes are gone, the rest run on; the NameServers list only the second group.
  const { h9, h10, h11 } = hosts();
  expect(clusterPids()).toHaveLength(5);
  expect(clusterPids().every((pid) => kept.includes(pid))).toBe(true);
  for (const address of namesrv().split(";")) expect(Object.keys(await listedGroups(address))).toEqual([SECOND]);
  for (const [i, host] of [h9, h10, h11].entries()) expect(fs.existsSync(onHost(host, `store/${FIRST}-n${i}`)), `n${i}'s store`).toBe(true);
  await page.screenshot({ path: "test-results/screenshots/decommission-job.png", fullPage: true });
});
