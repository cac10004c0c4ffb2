import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { promisify } from "node:util";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { type GroupConsumer, prepareJavaClient, produceMessages, startGroupConsumer } from "../lib/testing/java-client";
import { type RocketmqLab, rocketmqLabDown, rocketmqLabUp } from "../lib/testing/lab/rocketmq";
import { ensureAdmin, json } from "./support/cluster-setup";
import { OPERATOR, signIn, VIEWER } from "./support/panel";

// The console against real RocketMQ 4.9.7 (not 4.9.3, whose idle DLedger leader spins two cores): the RocketMQ lab's
// NameServer and 3-node DLedger group on 127.0.0.1, attached by its NameServer address (no SSH deploy: the cheapest
// cluster that has a leader, followers and a real Java client). Independent of the other specs: it makes what it needs.
// An operator creates a topic, sends a test message, finds it by key and reads its body; a real consumer group
// leaves lag, which the operator sees and resets; a viewer sees the metadata but no body and no button.
test.describe.configure({ mode: "serial" });

const VERSION = "4.9.7";
const INSTANCE = "e2e-console";
const PORT_BASE = 25_000;
const RUN = Date.now().toString(36);
const TOPIC = `E2eConsole_${RUN}`;
const GROUP = `E2eConsoleGroup_${RUN}`;
const KEY = `e2e-key-${RUN}`;
const BODY = { order: RUN, items: [1, 2, 3] };
/** A user of this spec alone: no language chosen yet, so the Chinese browser decides. */
const CHINESE_VIEWER = { username: "console-zh", password: "console-zh-password" };
const TSX = ["--conditions=react-server", "--import", "tsx"];
const run = promisify(execFile);
const shot = (name: string) => ({ path: `test-results/e2e/screenshots/${name}.png` });

let lab: RocketmqLab;
let clusterId: string;
let messageUrl: string;
/** The queue the test message landed in, as the page said. */
let testMessageQueue: number;
let consumer: GroupConsumer | null = null;

/** A DLedger broker registers only once elected: attach needs the NameServer to list the group with its leader. */
async function waitForRegisteredLeader(target: RocketmqLab) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { stdout } = await run(process.execPath, [...TSX, "e2e/support/rocketmq-probe.ts", target.namesrv.address, target.cluster]).catch(
      () => ({ stdout: "" }),
    );
    const group = (JSON.parse(stdout || '{"groups":[]}') as { groups: { brokerName: string; brokerIds: number[] }[] }).groups.find(
      (g) => g.brokerName === target.group,
    );
    if (group?.brokerIds.includes(0)) return;
    if (Date.now() > deadline) throw new Error(`the lab group did not register a leader: ${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function ensureUsers(browser: Browser) {
  const page = await browser.newPage();
  await ensureAdmin(page);
  const users = await json<{ username: string }[]>(await page.request.get("/api/users"));
  for (const [user, role] of [
    [OPERATOR, "operator"],
    [VIEWER, "viewer"],
    [CHINESE_VIEWER, "viewer"],
  ] as const) {
    if (!users.some((u) => u.username === user.username)) await json(await page.request.post("/api/users", { data: { ...user, role } }));
  }
  const attached = await json<{ id: string }>(
    await page.request.post("/api/clusters/attach", { data: { name: `Console ${RUN}`, nameServers: lab.namesrv.address } }),
  );
  clusterId = attached.id;
  await page.close();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  const started = Date.now();
  await mkdir("test-results/e2e/screenshots", { recursive: true });
  // The JVMs boot while the Java client compiles.
  const client = prepareJavaClient(VERSION);
  lab = await rocketmqLabUp({ version: VERSION, instance: INSTANCE, portBase: PORT_BASE, searchPorts: true, ownedByThisProcess: true });
  await Promise.all([waitForRegisteredLeader(lab), client]);
  await ensureUsers(browser);
  console.log(`[console] lab up, attached and users ready in ${Date.now() - started} ms`);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await consumer?.stop().catch(() => undefined);
  await rocketmqLabDown({ instance: INSTANCE, remove: true });
});

const topicsUrl = () => `/clusters/${clusterId}/topics`;
const topicRow = (page: Page, name: string) => page.getByTestId("topic-table").locator(`tr[data-topic="${name}"]`);

test("an operator creates a topic, sends a test message, finds it by key and reads its body", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, OPERATOR);
  await page.goto(`/clusters/${clusterId}`);
  await page.getByRole("link", { name: "Topics", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Topics of Console ${RUN}` })).toBeVisible();

  await page.getByRole("button", { name: "Create topic" }).click();
  const form = page.getByRole("form", { name: "Create topic" });
  // The form checks with the route's own schema before anything is sent.
  await form.getByLabel("Name").fill("no spaces allowed");
  await form.getByLabel("Write queues").fill("5000");
  await expect(form.getByText("A topic name is 1 to 127 letters")).toBeVisible();
  await expect(form.getByText("Queue numbers are whole numbers from 1 to 1024.")).toBeVisible();
  await form.getByLabel("Name").fill(TOPIC);
  await form.getByLabel("Read queues").fill("4");
  await form.getByLabel("Write queues").fill("4");
  await form.getByRole("button", { name: "Create topic" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Topic ${TOPIC} written to the leaders of ${lab.group} (` })).toBeVisible({
    timeout: 30_000,
  });
  await expect(topicRow(page, TOPIC)).toContainText("4 / 4");
  await expect(topicRow(page, TOPIC)).toContainText("read and write (6)");
  await page.screenshot(shot("console-topics"));
  await page.getByRole("searchbox", { name: "Search topics by name" }).fill(TOPIC);
  await expect(page.getByTestId("topic-table").locator("tbody tr")).toHaveCount(1);

  await topicRow(page, TOPIC).getByRole("link", { name: TOPIC }).click();
  await expect(page.getByRole("heading", { name: `Topic ${TOPIC}` })).toBeVisible();
  const route = page.getByRole("table", { name: "Route" });
  await expect(route).toContainText(lab.group);
  await expect(route).toContainText(/★ n\d/);
  await expect(page.getByRole("table", { name: "Queue offsets" }).locator("tbody tr")).toHaveCount(4);

  await page.getByRole("button", { name: "Send test message" }).click();
  const send = page.getByRole("form", { name: `Send a test message to ${TOPIC}` });
  await send.getByLabel("Tag").fill("e2e");
  await send.getByLabel("Keys").fill(KEY);
  await send.getByLabel("Body").fill(JSON.stringify(BODY));
  await send.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("send-result")).toContainText(new RegExp(`stored on ${lab.group}, queue [0-3], offset 0`), {
    timeout: 20_000,
  });

  testMessageQueue = Number(/queue (\d+)/.exec((await page.getByTestId("send-result").textContent()) ?? "")?.[1]);

  await page.getByRole("tab", { name: "Messages" }).click();
  await page.getByRole("radio", { name: "Key" }).check();
  await page.getByLabel("Message key").fill(KEY);
  // The broker indexes keys a moment after the write: search again until it has.
  await expect(async () => {
    await page.getByRole("form", { name: "Search messages" }).getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("message-table").locator("tbody tr[data-msg-id]")).toHaveCount(1, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId("message-table").locator("tbody tr[data-msg-id] a").click();
  await expect(page.getByTestId("message-metadata")).toContainText(KEY);
  await expect(page.getByTestId("message-metadata")).toContainText(lab.group);
  messageUrl = page.url();
  // JSON is shown pretty-printed, one member a line.
  await expect(page.getByTestId("message-body")).toHaveAttribute("data-encoding", "json");
  await expect(page.getByTestId("message-body")).toContainText(`"order": "${RUN}",\n  "items": [`);
  await page.screenshot(shot("console-message"));
});

test("an operator creates a consumer group; a real Java consumer of it leaves lag; the operator sees the group lagging and resets its offset", async ({
  page,
}) => {
  test.setTimeout(150_000);
  // The operator makes the subscription group first, as a team does before deploying its consumer.
  await signIn(page, OPERATOR);
  await page.goto(`/clusters/${clusterId}/groups`);
  await page.getByRole("button", { name: "Create consumer group" }).click();
  const form = page.getByRole("form", { name: "Create consumer group" });
  await form.getByLabel("Name").fill(GROUP);
  await form.getByLabel("Max retries").fill("3");
  await form.getByRole("button", { name: "Create consumer group" }).click();
  await expect(page.getByRole("heading", { name: `Consumer group ${GROUP}` })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("group-summary")).toContainText("offline");
  await expect(page.getByTestId("group-summary")).toContainText(/Max retries\s*3/);

  const produced = await produceMessages({ namesrv: lab.namesrv.address, topic: TOPIC, count: 20, version: VERSION });
  expect(produced.acked).toBe(20);
  consumer = await startGroupConsumer({ namesrv: lab.namesrv.address, topic: TOPIC, group: GROUP, perQueue: 2, version: VERSION });
  // 20 produced and the test message, less what the group read and committed.
  const lag = 21 - consumer.summary.queues.reduce((sum, q) => sum + q.committedOffset, 0);
  expect(lag).toBeGreaterThan(0);

  await page.goto(`/clusters/${clusterId}/groups`);
  await page.getByLabel("Show").selectOption("lagging");
  // The list is the index's: the new group shows up at its next refresh.
  const row = page.getByTestId("group-table").locator(`tr[data-group="${GROUP}"]`);
  await expect(async () => {
    await page.reload();
    await page.getByLabel("Show").selectOption("lagging");
    await expect(row).toHaveAttribute("data-lag", String(lag), { timeout: 3_000 });
  }).toPass({ timeout: 75_000 });
  await expect(row).toContainText("online · 1 client");

  await row.getByRole("link", { name: GROUP }).click();
  await expect(page.getByTestId("group-lag")).toHaveText(String(lag));
  await expect(page.getByTestId("group-summary")).toContainText("online · 1 client");
  const queues = page.getByTestId("group-queues").locator("tbody tr");
  await expect(queues).toHaveCount(4);
  // Each queue's lag exactly: what was stored in it less what the group committed.
  for (const q of consumer.summary.queues) {
    const stored = produced.messages.filter((m) => m.queueId === q.queueId).length + (q.queueId === testMessageQueue ? 1 : 0);
    const queueRow = page.getByTestId("group-queues").locator(`tr[data-queue="${TOPIC}/${q.brokerName}/${q.queueId}"]`);
    await expect(queueRow).toHaveAttribute("data-lag", String(stored - q.committedOffset));
  }
  await expect(page.getByRole("img", { name: "Lag, last hour" })).toBeVisible();
  await page.screenshot(shot("console-group"));
  await page.getByRole("tab", { name: "Connections" }).click();
  await expect(page.getByTestId("group-connections")).toContainText(consumer.summary.clientId);
  await expect(page.getByTestId("group-connections")).toContainText(TOPIC);

  // The application goes away (this test client ignores resets anyway): the reset says what happens with nobody online.
  await consumer.stop();
  consumer = null;
  await expect(page.getByTestId("group-summary")).toContainText("offline", { timeout: 20_000 });
  await page.getByRole("button", { name: "Reset offset" }).click();
  const dialog = page.getByTestId("reset-dialog");
  await dialog.getByLabel("Reset to").selectOption("latest");
  await expect(dialog.getByTestId("reset-consumers")).toContainText(
    "No consumer of this group is online. The new offsets are written to the brokers now",
  );
  await expect(dialog.getByTestId("reset-lag")).toHaveText(`Lag ${lag} → 0`);
  await expect(dialog.getByRole("table", { name: "New offsets per queue" }).locator("tbody tr")).toHaveCount(4);
  await dialog.getByRole("button", { name: `Reset offsets on ${TOPIC}` }).click();
  await expect(dialog.getByTestId("reset-result")).toContainText("Offsets written to the brokers", { timeout: 20_000 });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("group-lag")).toHaveText("0", { timeout: 30_000 });
});

test("a viewer sees topics, groups and a message's metadata, but no body and no button that writes", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, VIEWER);
  await page.goto(topicsUrl());
  await expect(topicRow(page, TOPIC)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create topic" })).toHaveCount(0);

  await page.goto(`${topicsUrl()}/${TOPIC}`);
  await expect(page.getByRole("table", { name: "Route" })).toContainText(lab.group);
  await expect(page.getByTestId("topic-consumers")).toContainText(GROUP);
  await expect(page.getByRole("button", { name: /^(Edit|Send test message|Delete topic)$/ })).toHaveCount(0);

  await page.goto(messageUrl);
  await expect(page.getByTestId("message-metadata")).toContainText(KEY);
  await expect(page.getByText("Message bodies can be sensitive")).toBeVisible();
  await expect(page.getByTestId("message-body")).toHaveCount(0);
  const api = await page.request.get(`/api/clusters/${clusterId}/topics/${TOPIC}/messages/${messageUrl.split("/").pop()}`);
  expect(((await api.json()) as { body: unknown }).body).toBeNull();

  // The group's retry topic: a name with '%' survives the link to its page.
  await page.goto(topicsUrl());
  await page.getByLabel("Topic type").selectOption("retry");
  await topicRow(page, `%RETRY%${GROUP}`).getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Topic %RETRY%${GROUP}` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Route" })).toContainText(lab.group);

  await page.goto(`/clusters/${clusterId}/groups`);
  await expect(page.getByTestId("group-table").locator(`tr[data-group="${GROUP}"]`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Create consumer group" })).toHaveCount(0);
  await page.goto(`/clusters/${clusterId}/groups/${GROUP}`);
  await expect(page.getByTestId("group-summary")).toContainText(TOPIC);
  await expect(page.getByRole("button", { name: /^(Reset offset|Edit settings|Delete consumer group)$/ })).toHaveCount(0);
  await page.getByRole("tab", { name: "Dead-letter queue" }).click();
  await expect(page.getByRole("button", { name: /^Resend/ })).toHaveCount(0);
  const send = await page.request.post(`/api/clusters/${clusterId}/topics/${TOPIC}/messages`, { data: { body: "x" } });
  expect(send.status()).toBe(403);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("a Chinese browser gets the topic list in Chinese", async ({ page }) => {
    await signIn(page, CHINESE_VIEWER, "zh-CN");
    await page.goto(topicsUrl());
    await expect(page.getByRole("heading", { name: `Console ${RUN} 的 Topic` })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "集群视图" }).getByRole("link", { name: "消费者组" })).toBeVisible();
    await expect(topicRow(page, TOPIC)).toContainText("读写（6）");
    await expect(page.getByTestId("index-freshness")).toContainText("索引刷新于");
    await page.screenshot(shot("zh-CN-console-topics"));
  });
});
