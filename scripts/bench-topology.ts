/**
 * npm run bench:topology -- [--kills 5] [--groups 100] [--requests 2000] [--concurrency 8] [--no-failover] [--no-scale]
 *
 * Starts the panel as `npm start` does (production build, embedded PostgreSQL in a throwaway folder, web + worker),
 * then measures:
 *   1. failover: the RocketMQ lab (a real NameServer and 3-node DLedger group) attached by its NameServer address
 *      and open in Chromium; the leader's JVM is SIGKILLed `--kills` times. Per kill: when DLedger itself names a new
 *      leader (asked every 50 ms), when the page shows it (no reload), when the NameServer lists it as brokerId 0,
 *      and when the page shows that.
 *   2. scale: a protocol-level stand-in for `--groups` × 3 nodes (scripts/topology/fake-cluster.ts) attached the
 *      same way; once all its nodes show up, the snapshot API's latency over `--requests` calls, the time Chromium
 *      takes to draw the dashboard, and the web and worker processes' RSS and CPU.
 * Stops every JVM and process it started.
 */
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Browser, chromium, type Page } from "@playwright/test";
import { killLabNode, rocketmqLabDown, rocketmqLabUp, startLabNode } from "../lib/testing/lab/rocketmq";
import { createRocketmqClient } from "../lib/rocketmq";
import { eventually, labGroup } from "../lib/rocketmq/testing/lab-group";
import { startBenchPanel } from "../lib/testing/bench-panel";
import { startFakeCluster } from "./topology/fake-cluster";

const LAB_INSTANCE = "bench-topology";
const LAB_PORT_BASE = 24_100;
const FAKE_NAMESRV_PORT = 24_190;
const PANEL_PORT = 3_159;
const BASE = `http://127.0.0.1:${PANEL_PORT}`;
const ADMIN = { username: "admin", password: "bench-password-123" };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${Math.round(percentile(sorted, 50))} ms, p99 ${Math.round(percentile(sorted, 99))} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms (n=${sorted.length})`;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { values } = parseArgs({
    options: {
      kills: { type: "string" },
      groups: { type: "string" },
      requests: { type: "string" },
      concurrency: { type: "string" },
      "no-failover": { type: "boolean" },
      "no-scale": { type: "boolean" },
    },
  });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-panel-bench-topology-"));
  await fs.chmod(dataDir, 0o711);
  const panel = await startBenchPanel({ dataDir, port: PANEL_PORT });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await signedInPage(browser);
    if (!values["no-failover"]) await benchFailover(page, Number(values.kills ?? 5));
    if (!values["no-scale"])
      await benchScale(page, panel.child, Number(values.groups ?? 100), Number(values.requests ?? 2000), Number(values.concurrency ?? 8));
  } finally {
    await browser.close();
    await rocketmqLabDown({ instance: LAB_INSTANCE, remove: true });
    await panel.stop();
    // The panel's own log (worker and web) outlives the run, for a look at any outlier.
    await fs.mkdir("test-results", { recursive: true });
    await fs.copyFile(path.join(dataDir, "panel.log"), "test-results/bench-topology-panel.log").catch(() => undefined);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function signedInPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.request.post(`${BASE}/api/auth/setup`, { data: ADMIN });
  const login = await page.request.post(`${BASE}/api/auth/login`, { data: ADMIN });
  if (!login.ok()) throw new Error(`sign-in failed: ${await login.text()}`);
  return page;
}

async function attach(page: Page, name: string, nameServers: string): Promise<string> {
  const response = await eventually(`attaching ${name}`, 60_000, async () => {
    const r = await page.request.post(`${BASE}/api/clusters/attach`, { data: { name, nameServers }, headers: { origin: BASE } });
    if (r.ok()) return r;
    throw new Error(await r.text());
  });
  return ((await response.json()) as { id: string }).id;
}

async function benchFailover(page: Page, kills: number) {
  console.log(`\n== failover: leader SIGKILL → browser, ${kills} kills on the RocketMQ lab ==`);
  const rocketmq = createRocketmqClient({ timeoutMs: 500 });
  try {
    const lab = await rocketmqLabUp({ instance: LAB_INSTANCE, portBase: LAB_PORT_BASE, searchPorts: true, ownedByThisProcess: true });
    const group = labGroup(rocketmq, lab);
    await group.ready();
    const clusterId = await attach(page, "Bench lab", lab.namesrv.address);
    await page.goto(`${BASE}/clusters/${clusterId}/topology`, { waitUntil: "domcontentloaded", timeout: 120_000 });
    const groupBox = `[data-testid="topology-group-${lab.group}"]`;
    await page.waitForSelector(`${groupBox}[data-leader^="n"]`, { timeout: 60_000 });
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const rows: { election: number; worker: number; browser: number; namesrv: number; namesrvBrowser: number }[] = [];
    for (let i = 0; i < kills; i++) {
      const before = await eventually("agreement on a leader", 60_000, () => group.agreedLeader());
      const oldLeader = before.leaderId;
      await page.waitForSelector(`${groupBox}[data-leader="${oldLeader}"]`, { timeout: 60_000 });
      const survivors = group.allIds().filter((id) => id !== oldLeader);
      const killedAt = Date.now();
      await killLabNode(lab, oldLeader);
      const since = () => Date.now() - killedAt;
      const election = eventually("DLedger to name a new leader", 90_000, async () => {
        const answers = await Promise.allSettled(
          survivors.map((id) => rocketmq.getDledgerMetadata(group.nodeOf(id).dledgerAddress, group.memberOf(id))),
        );
        const named = answers.find((a) => a.status === "fulfilled" && a.value.leaderId !== null && a.value.leaderId !== oldLeader);
        return named ? since() : undefined;
      });
      const browser = page
        .waitForFunction(
          ([selector, old]) => {
            const leader = document.querySelector(selector)?.getAttribute("data-leader");
            return leader && leader !== old ? { leader, at: Date.now() } : false;
          },
          [groupBox, oldLeader] as const,
          { timeout: 90_000, polling: 20 },
        )
        .then(async (handle) => (await handle.jsonValue()) as { leader: string; at: number });
      const namesrv = eventually("the NameServer to list a new brokerId 0", 180_000, async () => {
        const master = (await group.members()).find((m) => m.brokerId === 0);
        return master && master.address !== group.nodeOf(oldLeader).brokerAddress ? since() : undefined;
      });
      const shown = await browser;
      const namesrvBrowser = await page
        .waitForSelector(`[data-testid="topology-node-${lab.group}-${shown.leader}"][data-registered="0"]`, { timeout: 180_000 })
        .then(() => since());
      // The worker's own time: the leader_elected event carries the time of the snapshot that first showed the leader.
      const events = (await (await page.request.get(`${BASE}/api/clusters/${clusterId}/topology/timeline?limit=50`)).json()) as {
        kind: string;
        at: string;
        detail: { to?: string };
      }[];
      const published = events.find((e) => e.kind === "leader_elected" && e.detail.to === shown.leader && Date.parse(e.at) >= killedAt);
      const row = {
        election: await election,
        worker: published ? Date.parse(published.at) - killedAt : NaN,
        browser: shown.at - killedAt,
        namesrv: await namesrv,
        namesrvBrowser,
      };
      rows.push(row);
      console.log(
        `kill ${i + 1}: ${oldLeader} → ${shown.leader}: DLedger named it after ${row.election} ms, the worker's snapshot after ${row.worker} ms, ` +
          `the page after ${row.browser} ms (+${row.browser - row.election} ms); NameServer brokerId 0 after ${row.namesrv} ms, ` +
          `on the page after ≤ ${row.namesrvBrowser} ms; load average ${os.loadavg()[0].toFixed(1)}`,
      );
      await startLabNode(lab, oldLeader);
      await page.waitForSelector(`[data-testid="topology-node-${lab.group}-${oldLeader}"][data-role="follower"][data-health="up"]`, {
        timeout: 180_000,
      });
    }
    const reloaded = !(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded));
    console.log(`kill → DLedger new leader:        ${stats(rows.map((r) => r.election))}`);
    console.log(`kill → worker's snapshot has it:  ${stats(rows.map((r) => r.worker).filter((ms) => !Number.isNaN(ms)))}`);
    console.log(`kill → browser shows new leader:  ${stats(rows.map((r) => r.browser))}`);
    console.log(`browser behind DLedger:           ${stats(rows.map((r) => r.browser - r.election))}`);
    console.log(`kill → NameServer brokerId 0:     ${stats(rows.map((r) => r.namesrv))}`);
    console.log(`kill → browser shows NameServer:  ${stats(rows.map((r) => r.namesrvBrowser))}`);
    console.log(`page reloaded during the run: ${reloaded ? "yes (!)" : "no"}`);
  } finally {
    await rocketmq.close();
    await rocketmqLabDown({ instance: LAB_INSTANCE, remove: true });
  }
}

async function benchScale(page: Page, panel: ChildProcess, groups: number, requests: number, concurrency: number) {
  console.log(`\n== scale: ${groups} groups × 3 nodes (protocol-level stand-in) ==`);
  const fake = await startFakeCluster({ groups, namesrvPort: FAKE_NAMESRV_PORT });
  try {
    const attachStarted = Date.now();
    const clusterId = await attach(page, `Bench ${groups}x3`, fake.namesrvAddress);
    console.log(`attach (discovery of ${fake.nodeCount} nodes) took ${Date.now() - attachStarted} ms`);
    const url = `${BASE}/api/clusters/${clusterId}/topology`;
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const get = (encoding = "gzip") => fetch(url, { headers: { cookie, "accept-encoding": encoding } });
    await eventually(`all ${fake.nodeCount} nodes up`, 120_000, async () => {
      const body = (await (await get()).json()) as {
        snapshot: { groups: { leaderId: string | null; nodes: { health: string }[] }[] } | null;
      };
      const nodes = body.snapshot?.groups.flatMap((g) => g.nodes) ?? [];
      return nodes.length === fake.nodeCount && nodes.every((n) => n.health === "up") && body.snapshot?.groups.every((g) => g.leaderId)
        ? true
        : undefined;
    });
    console.log(`every node up and every group led ${Date.now() - attachStarted} ms after the attach`);
    await sleep(15_000);

    const drawStarted = Date.now();
    await page.goto(`${BASE}/clusters/${clusterId}/topology`, { waitUntil: "domcontentloaded", timeout: 120_000 });
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid^="topology-node-"][data-health="up"]').length === count,
      fake.nodeCount,
      { timeout: 120_000 },
    );
    console.log(`Chromium: dashboard of ${fake.nodeCount} nodes drawn ${Date.now() - drawStarted} ms after navigation`);
    // The API alone first: Chromium drawing 300 nodes every second would take a core of the two from the server.
    await page.goto("about:blank");

    for (let i = 0; i < 50; i++) await (await get()).arrayBuffer();
    // As a browser asks (gzip, which Next compresses per response), then uncompressed (what the handler itself costs).
    for (const encoding of ["gzip", "identity"]) {
      const latencies: number[] = [];
      let bytes = 0;
      let next = 0;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < requests) {
            next++;
            const begun = performance.now();
            const response = await get(encoding);
            const body = await response.arrayBuffer();
            latencies.push(performance.now() - begun);
            if (!response.ok) throw new Error(`snapshot API answered ${response.status}`);
            bytes = Number(response.headers.get("content-length") ?? 0) || body.byteLength;
          }
        }),
      );
      const rate = Math.round((requests / (Date.now() - started)) * 1000);
      console.log(
        `snapshot API (${encoding}), ${requests} GETs, ${concurrency} at a time, ${(bytes / 1024).toFixed(0)} KiB decoded: ${stats(latencies)}, ${rate} req/s`,
      );
    }
    const afterLoad = panelProcesses(panel.pid!).map(([name, pid]) => ({ name, pid, rss: rss(pid) }));
    // Then as an operator has it: the dashboard open, fed by SSE, for 30 s.
    await page.goto(`${BASE}/clusters/${clusterId}/topology`, { waitUntil: "domcontentloaded", timeout: 120_000 });
    await sleep(5_000);
    const cpuMid = processTreeCpu(panel.pid!);
    await sleep(30_000);
    const cpuAfter = processTreeCpu(panel.pid!);
    for (const { name, pid, rss: rssAfterLoad } of afterLoad) {
      const busy = (cpuAfter.get(pid) ?? 0) - (cpuMid.get(pid) ?? 0);
      console.log(
        `${name.padEnd(7)} RSS ${(rssAfterLoad / 1024).toFixed(0)} MiB after the API load, ${(rss(pid) / 1024).toFixed(0)} MiB with the dashboard open; ` +
          `CPU ${((busy / 30_000) * 100).toFixed(1)} % of a core polling ${fake.nodeCount} nodes with the dashboard open`,
      );
    }
    console.log(`calls the stand-in answered: ${[...fake.served].map(([code, count]) => `${code}×${count}`).join(", ")}`);
  } finally {
    await fake.close();
  }
}

/** The web server (scripts/serve.ts) and the worker that `scripts/start.ts` runs. */
function panelProcesses(rootPid: number): [string, number][] {
  const found: [string, number][] = [];
  for (const pid of descendants(rootPid)) {
    const cmdline = readText(`/proc/${pid}/cmdline`).replaceAll("\0", " ");
    if (cmdline.includes("scripts/worker.ts")) found.push(["worker", pid]);
    else if (cmdline.includes("scripts/serve.ts") || cmdline.includes("next-server")) found.push(["web", pid]);
  }
  return found;
}

function descendants(pid: number): number[] {
  const children = readText(`/proc/${pid}/task/${pid}/children`).trim().split(/\s+/).filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** CPU time (ms) used so far by each panel process. */
function processTreeCpu(rootPid: number): Map<number, number> {
  const ticks = 1000 / 100;
  return new Map(
    panelProcesses(rootPid).map(([, pid]) => {
      const stat = readText(`/proc/${pid}/stat`);
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return [pid, (Number(fields[11]) + Number(fields[12])) * ticks];
    }),
  );
}

function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readText(`/proc/${pid}/status`));
  return match ? Number(match[1]) : 0;
}

/** A /proc file, or "" when the process is gone (it may exit between listing and reading). */
function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

main().catch((error: Error) => {
  console.error(`bench:topology failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
