import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";
import { killRocketmq } from "../lib/testing/lab/faults";
import { labHostDir } from "../lib/testing/lab/hosts";
import { probeCluster } from "./support/cluster-probe";
import { labHosts } from "./support/lab";
import { createLabCluster, ensureAdmin, json } from "./support/cluster-setup";
import { ADMIN, collectHydrationErrors, signIn } from "./support/panel";

// The runbook's two-center topology deployed from the browser: NameServers on h1 and h4, group suzhou@broker on
// h1, h3, h7 and shanghai@broker on h4, h5, h6 (h2's key is rotated by 01-foundation, h8 has no Java).
// Independent of the earlier specs: it makes what it needs through the API, reusing hosts that exist.
// RocketMQ 4.9.7, the release the panel recommends, not the seed's 4.9.3: two idle 4.9.3 DLedger leaders spin four
// threads (apache/rocketmq #4415), which on two cores starves the panel serving this spec.
test.describe.configure({ mode: "serial" });

const VERSION = "4.9.7";

const INSTALL_DIR = "/opt/rmq-e2e";
const CLUSTER = "DeployE2E";

const seedHosts = () => {
  const all = labHosts();
  return { suzhou: [all[0], all[2], all[6]], shanghai: [all[3], all[4], all[5]] };
};
const allSeedHosts = () => [...seedHosts().suzhou, ...seedHosts().shanghai];

/** A cluster with the seed topology, tiny heaps and small store files, saved as its desired revision. */
function createSeedCluster(request: APIRequestContext): Promise<string> {
  const { suzhou, shanghai } = seedHosts();
  return createLabCluster(request, {
    name: CLUSTER,
    brokerClusterName: "E2eRaftCluster",
    rocketmqVersion: VERSION,
    installDir: INSTALL_DIR,
    nameServers: [suzhou[0], shanghai[0]],
    groups: [
      { brokerName: "suzhou@broker", datacenter: "suzhou", hosts: suzhou },
      { brokerName: "shanghai@broker", datacenter: "shanghai", hosts: shanghai },
    ],
  });
}

async function logLineCount(page: Page, jobId: string): Promise<number> {
  const response = await page.request.get(`/api/jobs/${jobId}`);
  return (await json<{ _count: { logLines: number } }>(response))._count.logLines;
}

/** Every line shown once, in order: the rendered sequence numbers are exactly 1..N. */
async function expectEveryLineOnce(page: Page, expected: number) {
  const log = page.getByRole("log", { name: "Job log" });
  // Correctness, not speed: a replay on a loaded machine may take longer than the default wait.
  await expect(log).toHaveAttribute("data-lines", String(expected), { timeout: 45_000 });
  const seqs = await log.locator("[data-seq]").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-seq"))));
  expect(seqs).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
}

test.beforeAll(async () => {
  await ensureRocketmqDistribution(VERSION);
  // Fresh nodes on every run; the distribution may stay from an earlier run (the install step then says so).
  await killRocketmq(allSeedHosts());
  // The hosts' private /opt is a folder on this machine.
  for (const host of allSeedHosts()) {
    for (const sub of ["nodes", "store"])
      fs.rmSync(path.join(labHostDir(host.name, "/opt"), INSTALL_DIR.replace(/^\/opt\//, ""), sub), { recursive: true, force: true });
  }
});

test.afterAll(async () => {
  // Every JVM this spec started is stopped here; the lab's teardown would kill them too, but later specs share the hosts.
  await killRocketmq(allSeedHosts());
});

test("an operator deploys the two-center cluster by clicking Deploy and watches it come up live", async ({ page }) => {
  test.setTimeout(480_000);
  await ensureAdmin(page);
  const clusterId = await createSeedCluster(page.request);

  await page.goto(`/clusters/${clusterId}`);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const plan = page.getByRole("region", { name: "Deploy plan" });
  const perHost = plan.getByRole("table", { name: "Plan per host" });
  await expect(perHost.locator("tbody tr")).toHaveCount(6);
  await expect(perHost).toContainText("NameServer :9876");
  await expect(perHost).toContainText("shanghai@broker n2");
  await plan.getByLabel("NameServer JVM options").fill("-Xms64m -Xmx128m -Xmn32m");
  await plan.getByRole("button", { name: "Update plan" }).click();
  await expect(perHost.locator("tbody tr")).toHaveCount(6);

  const clicked = Date.now();
  await plan.getByRole("button", { name: "Start deployment" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]+$/);
  const jobId = new URL(page.url()).pathname.split("/")[2];

  // Live: lines stream in while the job is still running.
  await expect(page.getByTestId("job-state")).toHaveText("running", { timeout: 30_000 });
  await expect(page.getByRole("log", { name: "Job log" }).locator("[data-seq]").first()).toBeVisible();
  await expect(page.getByRole("progressbar", { name: /^Progress of / })).toHaveCount(6);

  await expect(page.getByTestId("job-state")).toHaveText("succeeded", { timeout: 400_000 });
  const healthyAfter = (Date.now() - clicked) / 1000;
  console.log(`deploy: two-center cluster healthy ${healthyAfter.toFixed(1)} s after clicking Start deployment`);
  await expect(page.getByRole("status").filter({ hasText: "Deployed revision #1" })).toBeVisible();
  for (const bar of await page.getByRole("progressbar", { name: /^Progress of / }).all())
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await page.screenshot({ path: "test-results/screenshots/deploy-job.png", fullPage: true });

  const total = await logLineCount(page, jobId);
  await expectEveryLineOnce(page, total);
  // A reload starts a new stream: still every line once, in order.
  await page.reload();
  await expectEveryLineOnce(page, total);
  // A dropped stream resumes after the last id the browser saw (EventSource sends it as Last-Event-ID).
  const resumed = await page.request.get(`/api/jobs/${jobId}/events`, { headers: { "Last-Event-ID": String(total - 3) } });
  expect([...(await resumed.text()).matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([total - 2, total - 1, total]);

  const [h1, , , h4] = labHosts();
  for (const namesrv of [`${h1.address}:9876`, `${h4.address}:9876`]) {
    const seen = await probeCluster(namesrv, "E2eRaftCluster");
    expect(seen.groups.map((g) => g.brokerName).sort()).toEqual(["shanghai@broker", "suzhou@broker"]);
    for (const group of seen.groups) {
      // One leader (brokerId 0) and two followers (nX registers as X + 1).
      expect(group.brokerIds.filter((id) => id === 0)).toHaveLength(1);
      expect(group.brokerIds.filter((id) => id > 0)).toHaveLength(2);
    }
  }
  await page.goto(`/clusters/${clusterId}`);
  await expect(page.getByTestId("deployed-revision")).toHaveText("deployed revision #1");
});

test("deploying the healthy cluster again changes nothing and says so", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  const clusters = await json<{ id: string; name: string }[]>(await page.request.get("/api/clusters"));
  const clusterId = clusters.find((c) => c.name === CLUSTER)!.id;
  await page.goto(`/clusters/${clusterId}`);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const plan = page.getByRole("region", { name: "Deploy plan" });
  await plan.getByLabel("NameServer JVM options").fill("-Xms64m -Xmx128m -Xmn32m");
  await plan.getByRole("button", { name: "Update plan" }).click();
  await expect(plan.getByRole("table", { name: "Plan per host" }).locator("tbody tr")).toHaveCount(6);
  await plan.getByRole("button", { name: "Start deployment" }).click();
  await expect(page.getByTestId("job-state")).toHaveText("succeeded", { timeout: 150_000 });
  await expect(page.getByRole("status").filter({ hasText: /^No changes: revision #1 was already deployed/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Steps" })).not.toContainText("failed");
});

test("the job page and the live topology render the same on the server and in a browser far from UTC", async ({ browser }) => {
  test.setTimeout(120_000);
  // Server times are UTC; this browser is eight hours away and speaks Chinese (so does the panel, to it): any clock or locale read
  // during rendering shows up as a hydration mismatch.
  const context = await browser.newContext({ timezoneId: "Asia/Shanghai", locale: "zh-CN" });
  const page = await context.newPage();
  const errors = collectHydrationErrors(page);
  await signIn(page, ADMIN, "zh-CN");
  const clusters = await json<{ id: string; name: string }[]>(await page.request.get("/api/clusters"));
  const clusterId = clusters.find((c) => c.name === CLUSTER)!.id;
  const jobs = await json<{ id: string; clusterId: string | null }[]>(await page.request.get("/api/jobs"));
  const jobId = jobs.find((j) => j.clusterId === clusterId)!.id;

  // The job the worker wrote in English reads in Chinese: its state, step titles and the panel's own log lines.
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("job-state")).toHaveAttribute("data-state", "succeeded");
  await expect(page.getByTestId("job-state")).toHaveText("已成功");
  await expect(page.getByRole("table", { name: "步骤" })).toContainText("校验注册情况和 leader");
  await expect(page.getByRole("log", { name: "任务日志" })).toContainText("次运行已在 worker");
  await page.screenshot({ path: "test-results/e2e/screenshots/zh-CN-deploy-job.png", fullPage: true });
  await page.goto(`/clusters/${clusterId}/topology`);
  await expect(page.getByTestId("topology-group-suzhou@broker")).toHaveAttribute("data-leader", /^n\d$/, { timeout: 60_000 });
  await expect(page.getByTestId("topology-group-suzhou@broker")).toContainText("任期");
  await expect(page.getByRole("heading", { name: "DeployE2E：拓扑" })).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/screenshots/zh-CN-topology.png", fullPage: true });
  await page.goto("/jobs");
  await page.goto("/audit");
  // React reports a mismatch once the page has hydrated; give it a moment after the last navigation.
  await page.waitForTimeout(1_000);
  expect(errors).toEqual([]);
  await context.close();
});
