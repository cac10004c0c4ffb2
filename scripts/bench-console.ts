import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { GroupPage, IndexState, TopicPage } from "../lib/console/schema";
import { createRocketmqClient } from "../lib/rocketmq";
import { eventually, labGroup } from "../lib/rocketmq/testing/lab-group";
import { startBenchPanel } from "../lib/testing/bench-panel";
import { rocketmqLabDown, rocketmqLabUp } from "../lib/testing/lab/rocketmq";

const LAB_INSTANCE = "bench-console";
const LAB_PORT_BASE = 24_300;
const PANEL_PORT = 3_161;
const BASE = `http://127.0.0.1:${PANEL_PORT}`;
const ADMIN = { username: "admin", password: "bench-password-123" };
const INDEX_INTERVAL_MS = 10_000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (n=${sorted.length})`;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { values } = parseArgs({
    options: { topics: { type: "string" }, groups: { type: "string" }, requests: { type: "string" }, concurrency: { type: "string" } },
  });
  const topics = Number(values.topics ?? 2000);
  const groups = Number(values.groups ?? 500);
  const requests = Number(values.requests ?? 1000);
  const concurrency = Number(values.concurrency ?? 4);

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-panel-bench-console-"));
  await fs.chmod(dataDir, 0o711);
  const rocketmq = createRocketmqClient({ timeoutMs: 5_000 });
  const panel = await startBenchPanel({ dataDir, port: PANEL_PORT, env: { RMQ_PANEL_CONSOLE_INDEX_MS: String(INDEX_INTERVAL_MS) } });
  try {
    const lab = await rocketmqLabUp({
      instance: LAB_INSTANCE,
      version: "4.9.7",
      portBase: LAB_PORT_BASE,
      searchPorts: true,
      ownedByThisProcess: true,
    });
    await labGroup(rocketmq, lab).ready();
    const api = await signIn();
    const clusterId = await eventually("attaching the lab", 60_000, async () => {
      const r = await api.send("POST", "/api/clusters/attach", { name: "Bench console lab", nameServers: lab.namesrv.address });
      if (!r.ok) throw new Error(await r.text());
      return ((await r.json()) as { id: string }).id;
    });

    const created = performance.now();
    await createAll(api, `/api/clusters/${clusterId}/topics`, topics, (i) => ({
      name: `bench_topic-${String(i).padStart(5, "0")}`,
      readQueueNums: 4,
      writeQueueNums: 4,
    }));
    const topicsMs = performance.now() - created;
    await createAll(api, `/api/clusters/${clusterId}/groups`, groups, (i) => ({ name: `bench_group-${String(i).padStart(5, "0")}` }));
    const createdAt = Date.now();
    console.log(
      `created ${topics} topics in ${(topicsMs / 1000).toFixed(1)} s and ${groups} consumer groups in ${((performance.now() - created - topicsMs) / 1000).toFixed(1)} s through the API`,
    );

    // Refreshes that started after the last create: each holds every topic and group.
    const topicList = (query: string) => api.get<TopicPage>(`/api/clusters/${clusterId}/topics?${query}`);
    const groupList = (query: string) => api.get<GroupPage>(`/api/clusters/${clusterId}/groups?${query}`);
    const refreshes: IndexState[] = [];
    await eventually("three full refreshes of the index", 180_000, async () => {
      const { index, total } = await topicList("pageSize=1");
      const last = refreshes.at(-1);
      if (
        index.refreshedAt &&
        index.durationMs &&
        index.refreshedAt - index.durationMs > createdAt &&
        index.refreshedAt !== last?.refreshedAt
      ) {
        if (total < topics) throw new Error(`a full refresh listed only ${total} topics`);
        refreshes.push(index);
        console.log(`refresh: ${index.durationMs} ms, ${index.brokerCalls} broker calls, ${total} topics, error: ${index.error ?? "none"}`);
      }
      await sleep(500);
      return refreshes.length >= 3 ? true : undefined;
    });
    const totals = { topics: (await topicList("pageSize=1")).total, groups: (await groupList("pageSize=1")).total };
    console.log(`index: ${totals.topics} topics and ${totals.groups} consumer groups (RocketMQ's own included)`);

    const topicQueries = [
      "",
      "page=20&pageSize=50",
      "sort=messages&order=desc",
      "sort=updated&order=desc&pageSize=200",
      "type=normal&q=topic-01",
      "type=system",
      "q=_topic%25",
      "sort=queues&page=7&pageSize=100",
    ];
    const groupQueries = ["", "filter=lagging", "filter=offline&page=5", "sort=lag&order=desc", "q=group-004", "sort=tps&pageSize=200"];
    await measure("topic list", requests, concurrency, (i) => topicList(topicQueries[i % topicQueries.length]));
    await measure("group list", requests, concurrency, (i) => groupList(groupQueries[i % groupQueries.length]));
    const durations = refreshes.map((r) => r.durationMs ?? 0);
    console.log(
      `index refresh (${totals.topics} topics, ${totals.groups} groups, one broker group): ${durations.join(" / ")} ms; ` +
        `broker calls per refresh: ${refreshes.map((r) => r.brokerCalls).join(" / ")}`,
    );
  } finally {
    await rocketmq.close();
    await rocketmqLabDown({ instance: LAB_INSTANCE, remove: true });
    await panel.stop();
    await fs.mkdir("test-results", { recursive: true });
    await fs.copyFile(path.join(dataDir, "panel.log"), "test-results/bench-console-panel.log").catch(() => undefined);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** `count` POSTs, 8 at a time; a create that fails stops the bench. */
async function createAll(api: Api, url: string, count: number, body: (i: number) => unknown) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++;
        const response = await api.send("POST", url, body(i));
        if (!response.ok) throw new Error(`POST ${url} #${i} answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      }
    }),
  );
}

async function measure(what: string, requests: number, concurrency: number, get: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await get(i);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const begun = performance.now();
        await get(i);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const rate = Math.round((requests / (performance.now() - started)) * 1000);
  console.log(`${what} API, ${requests} GETs, ${concurrency} at a time: ${stats(latencies)}, ${rate} req/s`);
}

interface Api {
  send(method: string, url: string, body?: unknown): Promise<Response>;
  get<T>(url: string): Promise<T>;
}

async function signIn(): Promise<Api> {
  const headers = { "content-type": "application/json", origin: BASE };
  await fetch(`${BASE}/api/auth/setup`, { method: "POST", headers, body: JSON.stringify(ADMIN) });
  const login = await fetch(`${BASE}/api/auth/login`, { method: "POST", headers, body: JSON.stringify(ADMIN) });
  if (!login.ok) throw new Error(`sign-in failed: ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const send = (method: string, url: string, body?: unknown) =>
    fetch(`${BASE}${url}`, { method, headers: { ...headers, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
  return {
    send,
    async get<T>(url: string) {
      const response = await send("GET", url);
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

main().catch((error: Error) => {
  console.error(`bench:console failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
