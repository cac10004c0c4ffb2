import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import { parseProperties } from "../lib/design";
import { labHosts } from "./support/lab";
import { ADMIN, signIn } from "./support/panel";

// Builds on 01-foundation: the admin, datacenters suzhou and shanghai, credential lab-key, hosts sz-1 (h1) and sz-2 (h2).
test.describe.configure({ mode: "serial" });

/** The runbook's six broker machines: h1–h3 in suzhou, h4–h6 in shanghai. sz-1 and sz-2 exist already. */
async function addSeedHosts(request: APIRequestContext) {
  const datacenters: { id: string; code: string }[] = await (await request.get("/api/datacenters")).json();
  const credentials: { id: string; name: string }[] = await (await request.get("/api/credentials")).json();
  const dc = (code: string) => datacenters.find((d) => d.code === code)!.id;
  const credentialId = credentials.find((c) => c.name === "lab-key")!.id;
  const hosts = labHosts();
  const wanted = [
    { name: "sz-3", address: hosts[2].address, datacenterId: dc("suzhou") },
    { name: "sh-1", address: hosts[3].address, datacenterId: dc("shanghai") },
    { name: "sh-2", address: hosts[4].address, datacenterId: dc("shanghai") },
    { name: "sh-3", address: hosts[5].address, datacenterId: dc("shanghai") },
  ];
  for (const host of wanted) {
    const response = await request.post("/api/hosts", { data: { ...host, sshPort: 22, sshUser: "root", credentialId, labels: ["lab"] } });
    expect(response.status(), await response.text()).toBe(200);
  }
}

const step = (page: Page, name: string) => page.getByRole("list", { name: "Wizard steps" }).getByRole("button", { name });

test("an operator designs the runbook's two-center cluster in the wizard, with zero lint errors", async ({ page }) => {
  await signIn(page, ADMIN);
  await addSeedHosts(page.request);

  const started = Date.now();
  await page.goto("/clusters");
  const form = page.getByRole("form", { name: "New cluster" });
  await form.getByLabel("Name", { exact: true }).fill("Seed");
  await form.getByLabel("brokerClusterName").fill("RaftCluster");
  await form.getByLabel("RocketMQ version").selectOption("4.9.3");
  await form.getByRole("button", { name: "Start the wizard" }).click();

  await expect(page.getByRole("heading", { name: "Design: Seed" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "CVE-2023-33246" })).toBeVisible();
  await page.getByRole("button", { name: /Next: NameServers/ }).click();

  await page.getByLabel("NameServer on sz-1").check();
  await page.getByLabel("NameServer on sh-1").check();
  const [h1, , , h4] = labHosts();
  await expect(page.getByTestId("namesrv-addr")).toHaveText(`${h1.address}:9876;${h4.address}:9876`);
  await page.getByRole("button", { name: /Next: Groups/ }).click();

  await page.getByRole("button", { name: "Add group in suzhou" }).click();
  await page.getByRole("button", { name: "Add group in shanghai" }).click();
  await page.getByRole("button", { name: "Auto-place and allocate" }).click();
  await expect(page.getByLabel("Host of suzhou@broker n0")).toHaveValue(/.+/);
  await page.getByRole("button", { name: /Next: Tuning/ }).click();
  // The wizard moves on only once the server saved the draft; reloading before that would test nothing.
  await expect(step(page, "4. Tuning")).toHaveAttribute("aria-current", "step");

  // The draft lives on the server: a reload comes back to the same step with the same nodes.
  await page.reload();
  await expect(step(page, "4. Tuning")).toHaveAttribute("aria-current", "step");
  await expect(page.getByLabel("Heap of shanghai@broker n2")).toBeVisible();
  await page.getByRole("button", { name: /Next: Review/ }).click();

  await expect(page.getByTestId("lint-summary")).toContainText("0 errors");
  await expect(page.getByRole("table", { name: "Lint findings" })).toContainText("rocketmq-version-cve");
  await page.screenshot({ path: "test-results/screenshots/cluster-review.png", fullPage: true });

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download all as zip" }).click();
  const zip = unzipSync(fs.readFileSync(await (await downloading).path()));
  checkSeedFiles(
    zip,
    labHosts().map((h) => h.address),
  );

  await page.getByLabel("Revision note").fill("Seed topology from the runbook");
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page.getByText("Saved revision #1.")).toBeVisible();
  console.log(`wizard: seed two-center cluster designed and saved in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test("a Chinese-speaking operator designs the same cluster in Chinese and reads the review's lint findings in Chinese", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, ADMIN, "zh-CN");
  await page.goto("/clusters");
  const form = page.getByRole("form", { name: "新建集群" });
  await form.getByLabel("名称", { exact: true }).fill("Zhongzi");
  await form.getByLabel("brokerClusterName").fill("ZhongziRaft");
  await form.getByLabel("RocketMQ 版本").selectOption("4.9.3");
  await page.screenshot({ path: "test-results/e2e/screenshots/zh-CN-clusters.png", fullPage: true });
  await form.getByRole("button", { name: "启动向导" }).click();

  await expect(page.getByRole("heading", { name: "设计：Zhongzi" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "CVE-2023-33246" })).toContainText("受");
  await page.getByRole("button", { name: /下一步：NameServer/ }).click();
  await page.getByLabel("sz-1 上的 NameServer").check();
  await page.getByLabel("sh-1 上的 NameServer").check();
  await page.getByRole("button", { name: /下一步：组/ }).click();
  await page.getByRole("button", { name: "在 suzhou 中添加组" }).click();
  await page.getByRole("button", { name: "在 shanghai 中添加组" }).click();
  await page.getByRole("button", { name: "自动放置并分配" }).click();
  await page.screenshot({ path: "test-results/e2e/screenshots/zh-CN-wizard-groups.png", fullPage: true });
  await page.getByRole("button", { name: /下一步：调优/ }).click();
  const step = (name: string) => page.getByRole("list", { name: "向导步骤" }).getByRole("button", { name });
  await expect(step("4. 调优")).toHaveAttribute("aria-current", "step");
  await page.getByRole("button", { name: /下一步：审阅/ }).click();

  await expect(page.getByTestId("lint-summary")).toContainText("0 个错误");
  const findings = page.getByRole("table", { name: "检查结果" });
  await expect(findings).toContainText("rocketmq-version-cve");
  await expect(findings).toContainText("RocketMQ 4.9.3 受");
  await expect(findings).toContainText("升级到 4.9.7+");
  await page.screenshot({ path: "test-results/e2e/screenshots/zh-CN-wizard-review.png", fullPage: true });
  await context.close();
});

function checkSeedFiles(zip: Record<string, Uint8Array>, addresses: string[]) {
  const brokers = Object.keys(zip)
    .filter((path) => path.startsWith("brokers/"))
    .sort();
  expect(brokers).toEqual([
    "brokers/shanghai@broker/broker-n0.conf",
    "brokers/shanghai@broker/broker-n1.conf",
    "brokers/shanghai@broker/broker-n2.conf",
    "brokers/suzhou@broker/broker-n0.conf",
    "brokers/suzhou@broker/broker-n1.conf",
    "brokers/suzhou@broker/broker-n2.conf",
  ]);
  expect(Object.keys(zip).filter((path) => path.startsWith("namesrv/"))).toHaveLength(2);
  const peersByGroup = new Map<string, Set<string>>();
  for (const path of brokers) {
    const { properties: p, problems } = parseProperties(strFromU8(zip[path]));
    expect(problems, path).toEqual([]);
    const [, group, file] = path.split("/");
    expect(p.brokerClusterName).toBe("RaftCluster");
    expect(p.brokerName).toBe(group);
    expect(p.dLegerGroup).toBe(group);
    expect(p.enableDLegerCommitLog).toBe("true");
    expect(p.dLegerSelfId).toBe(file.replace(/^broker-|\.conf$/g, ""));
    expect(p.namesrvAddr).toBe(`${addresses[0]}:9876;${addresses[3]}:9876`);
    expect(p.listenPort).toMatch(/^\d+$/);
    expect(p.storePathRootDir).toMatch(/^\/opt\/rocketmq\/store\//);
    expect(p.storePathCommitLog.startsWith(p.storePathRootDir)).toBe(true);
    expect(addresses).toContain(p.brokerIP1);
    expect(p.dLegerPeers).toContain(`${p.dLegerSelfId}-${p.brokerIP1}:`);
    expect(p.dLegerPeers).not.toMatch(/127\.0\.0\.1|localhost/);
    peersByGroup.set(group, (peersByGroup.get(group) ?? new Set()).add(p.dLegerPeers));
  }
  // dLegerPeers is identical on every node of a group.
  expect([...peersByGroup.values()].map((s) => s.size)).toEqual([1, 1]);
}

test("a port collision made by hand is caught by the linter and blocks saving", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/clusters");
  await page.getByRole("link", { name: "Seed" }).click();
  await expect(page.getByRole("table", { name: "Revisions" })).toContainText("Seed topology from the runbook");
  await page.getByRole("link", { name: "Edit design" }).click();
  await step(page, "3. Groups").click();

  // Put suzhou's n1 on n0's host: it keeps its ports, which n0 already uses there.
  const n0Host = await page.getByLabel("Host of suzhou@broker n0").inputValue();
  await page.getByLabel("Host of suzhou@broker n1").selectOption(n0Host);
  await step(page, "5. Review").click();

  await expect(page.getByTestId("lint-summary")).not.toContainText(/^0 errors/);
  const findings = page.getByRole("table", { name: "Lint findings" });
  await expect(findings).toContainText("port-collision");
  await expect(findings).toContainText("dledger-port-collision");
  await expect(page.getByRole("button", { name: "Save revision" })).toBeDisabled();

  // The server refuses it on its own too.
  const clusterId = new URL(page.url()).pathname.split("/")[2];
  const refused = await page.request.post(`/api/clusters/${clusterId}/revisions`, { data: { note: "collision" } });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error).toMatch(/lint error/);
});

test("importing the runbook's hand-written configs raises the errors a reviewer would", async ({ page }) => {
  const seed = (name: string) => fs.readFileSync(`lib/design/fixtures/${name}`, "utf8");
  const [h1] = labHosts();
  await signIn(page, ADMIN);
  await page.goto("/clusters/import");
  await page.getByLabel("Contents of file 1").fill(seed("seed-suzhou-n0.conf"));
  await page.getByLabel("Host address of file 1").fill(h1.address);
  await page.getByRole("button", { name: "+ Paste another file" }).click();
  await page.getByLabel("Contents of file 2").fill(seed("seed-shanghai-n0.conf"));
  // The runbook gives both files the same ports and store path; on one machine that collides.
  await page.getByLabel("Host address of file 2").fill(h1.address);
  const findings = page.getByRole("table", { name: "Lint findings" });
  await expect(findings).toContainText("port-collision");
  await expect(findings).toContainText("store-path-collision");
  await expect(findings).toContainText("peer-address-mismatch");
  await expect(findings).toContainText("group-size");

  await page.getByLabel("New cluster name").fill("Imported seed");
  await page.getByRole("button", { name: "Create cluster draft" }).click();
  await expect(page.getByRole("heading", { name: "Design: Imported seed" })).toBeVisible();
  await expect(step(page, "3. Groups")).toHaveAttribute("aria-current", "step");
});
