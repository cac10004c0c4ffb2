import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { killRocketmq } from "@/lib/testing/lab/faults";
import { ensureRocketmqDistribution } from "@/lib/rocketmq/distribution/assemble";
import { loadDraft, parseRevision, saveDraft, saveRevision } from "../clusters";
import { db } from "../db";
import { createDeployJob } from "../deploy";
import { nodeLayouts } from "../nodes/layout";
import { type LabInventory, labInventory, labCluster } from "../deploy/testing/lab-cluster";
import { JOB_DEFINITIONS } from "../worker/job-definitions";
import { closeQueue } from "../jobs/queue";
import { runJob } from "../jobs/runner";
import { createRocketmqClient, type RocketmqClient } from "../rocketmq";
import { createOperationJob } from "./create";
import { probeGroup } from "./live-group";
import { agreedLeader } from "./safety";
import type { OperationRequest } from "./schema";

// Node operations against real sshd hosts and real RocketMQ 4.9.7 (4.9.3's idle DLedger leader spins two threads,
// apache/rocketmq #4415, and beside the other JVM suites on two cores that starves heartbeats into elections no
// operation caused; 4.9.3's DLedger calls have their own suite in lib/rocketmq): two NameServers and one 3-node group on h1, h3,
// h4 (h5/h6 belong to the deploy tests, h2 and h7 get rekeyed by others). One follower's and the leader's restart
// from the dashboard, the rolling restart under a producer's load and the viewer's refusal are e2e/06-restart.

const VERSION = "4.9.7";
const lab = inject("labHosts");
const [h1, h3, h4] = [lab[0], lab[2], lab[3]];
const INSTALL_DIR = "/opt/rmq-restart-test";
const GROUP = "r1";
let inventory: LabInventory;
let clusterId: string;
let rocketmq: RocketmqClient;
let layouts: ReturnType<typeof nodeLayouts>;

const admin = () => ({ ...inventory.actor, role: "admin" as const });
const runInProcess = (jobId: string) => runJob(jobId, { workerId: `test:${process.pid}:restart`, definitions: JOB_DEFINITIONS });
const jobState = (id: string) =>
  db.job.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { position: "asc" } }, logLines: { orderBy: { seq: "asc" } } } });
const logOf = (job: Awaited<ReturnType<typeof jobState>>) => job.logLines.map((l) => l.text).join("\n");

async function operate(request: OperationRequest) {
  const { jobId } = await createOperationJob(admin(), clusterId, request);
  await runInProcess(jobId);
  return jobState(jobId);
}

async function loadLayouts() {
  const cluster = await db.cluster.findUniqueOrThrow({ where: { id: clusterId }, include: { deployedRevision: true } });
  const revision = parseRevision(cluster.deployedRevision!);
  return nodeLayouts(revision.spec, revision.files, "-Xms64m -Xmx128m -Xmn32m");
}

async function members() {
  return probeGroup(rocketmq, layouts, GROUP);
}

async function leaderNow(): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const leader = agreedLeader(await members());
    if (leader) return leader;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error("the group has no leader");
}

/** Every 100 ms until stopped: who the group agrees leads it (null while none does). */
function watchLeader() {
  const seen: { at: number; leader: string | null }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      seen.push({ at: Date.now(), leader: agreedLeader(await members()) });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}

beforeAll(async () => {
  await ensureRocketmqDistribution(VERSION);
  await killRocketmq([h1, h3, h4]);
  for (const host of [h1, h3, h4]) {
    const session = await connectToLabHost(host);
    await session.run("wiping the test install", ["rm", "-rf", `${INSTALL_DIR}/nodes`, `${INSTALL_DIR}/store`]);
    await session.close();
  }
  inventory = await labInventory([h1, h3, h4]);
  ({ clusterId } = await labCluster(inventory, {
    name: "Restarts",
    installDir: INSTALL_DIR,
    nameServerHosts: [h3, h4],
    groups: [{ brokerName: GROUP, hosts: [h1, h3, h4] }],
    rocketmqVersion: VERSION,
  }));
  // Brokers re-register with every NameServer each registerNameServerPeriod (30 s unless set, 10 s at least): the
  // NameServer restart below waits for that, up to half a minute, so the brokers use the shortest period.
  const { draft } = await loadDraft(clusterId);
  for (const node of draft.groups[0].nodes) node.extraProperties = { ...node.extraProperties, registerNameServerPeriod: "10000" };
  await saveDraft(clusterId, { draft, step: 5 });
  await saveRevision(inventory.actor, clusterId, { note: "brokers re-register every 10 s", markDesired: true });
  const { jobId } = await createDeployJob(inventory.actor, {
    clusterId,
    source: { kind: "upload" },
    nameServerJvmOptions: "-Xms64m -Xmx128m -Xmn32m",
  });
  await runInProcess(jobId);
  const deployed = await jobState(jobId);
  if (deployed.state !== "succeeded") throw new Error(`the deploy failed: ${deployed.error}\n${logOf(deployed)}`);
  rocketmq = createRocketmqClient({ timeoutMs: 2_000 });
  layouts = await loadLayouts();
}, 400_000);

afterAll(async () => {
  await rocketmq?.close();
  await killRocketmq([h1, h3, h4]);
  await closeQueue();
}, 60_000);

const node = (selfId: string): OperationRequest => ({
  action: "restart",
  target: { kind: "node", brokerName: GROUP, selfId },
  force: false,
});

describe("refusals", () => {
  it("refuses a restart that would cost the group its majority, when planned and again when the job runs", async () => {
    const leader = await leaderNow();
    const [first, second] = (await members()).filter((m) => m.selfId !== leader).map((m) => m.selfId);
    // Planned while all three answer; then `first` stops behind the panel's back before the job runs.
    const { jobId } = await createOperationJob(admin(), clusterId, node(second));
    const firstLayout = layouts.find((l) => l.broker?.selfId === first)!;
    const session = await connectToLabHost(lab.find((h) => firstLayout.address.startsWith(`${h.address}:`))!);
    try {
      await session.run("stopping a node behind the panel's back", ["sh", "-c", 'kill -TERM "$(cat "$1")"', "sh", firstLayout.pidfile]);
      await expect.poll(async () => (await members()).find((m) => m.selfId === first)!.up, { timeout: 60_000 }).toBe(false);
      await runInProcess(jobId);
      const refused = await jobState(jobId);
      expect(refused.state).toBe("failed");
      expect(refused.error).toMatch(
        new RegExp(`Taking ${second} down would leave ${GROUP} with 1 of 3 nodes.*${first} is already down.*Nothing was stopped`),
      );
      expect((await members()).find((m) => m.selfId === second)!.up).toBe(true);
      // Planned now, it is refused before any job exists; only an admin may force it.
      await expect(createOperationJob(admin(), clusterId, node(second))).rejects.toThrow(
        new RegExp(`Refused: Taking ${second} down would leave ${GROUP} with 1 of 3 nodes`),
      );
      await expect(createOperationJob({ ...admin(), role: "operator" }, clusterId, { ...node(second), force: true })).rejects.toThrow(
        /Forcing an operation needs the admin role/,
      );
    } finally {
      await session.close();
      const start = await operate({ action: "start", target: { kind: "node", brokerName: GROUP, selfId: first }, force: false });
      expect(start.error).toBeNull();
    }
  }, 300_000);

  it("never signals a process whose command line is not the node's", async () => {
    await expect.poll(async () => (await members()).every((m) => m.up), { timeout: 60_000 }).toBe(true);
    const broker = layouts.find((l) => l.broker?.selfId === "n1")!;
    const nameServer = layouts.find((l) => l.kind === "namesrv" && l.hostId === broker.hostId)!;
    const session = await connectToLabHost(h3);
    const pid = (await session.run("reading the pidfile", ["cat", broker.pidfile])).stdout.trim();
    try {
      await session.run("pointing n1's pidfile at the NameServer", ["cp", nameServer.pidfile, broker.pidfile]);
      const job = await operate(node("n1"));
      expect(job.state).toBe("failed");
      expect(job.error).toMatch(
        /Refused to stop r1 n1 on .*: pid \d+ \(from .*run\.pid\) is not org\.apache\.rocketmq\.broker\.BrokerStartup .*nothing was signalled/,
      );
      expect((await members()).every((m) => m.up)).toBe(true);
    } finally {
      await session.run("restoring the pidfile", ["sh", "-c", 'printf "%s\\n" "$1" >"$2"', "sh", pid, broker.pidfile]);
      await session.close();
    }
  }, 120_000);
});

describe("NameServers and rolling restarts", () => {
  it("restarts a NameServer and waits until every broker registered with it again", async () => {
    const job = await operate({ action: "restart", target: { kind: "namesrv", address: `${h4.address}:9876` }, force: false });
    expect(job.error).toBeNull();
    expect(logOf(job)).toMatch(new RegExp(`${h4.address.replaceAll(".", "\\.")}:9876 lists all 3 running broker\\(s\\)`));
  }, 180_000);

  it("applies a new revision by restarting only the node it changes, handing leadership over first, and the node runs the new config", async () => {
    const leader = await leaderNow();
    const { draft } = await loadDraft(clusterId);
    draft.groups[0].nodes.find((n) => n.selfId === leader)!.sendMessageThreadPoolNums = 3;
    await saveDraft(clusterId, { draft, step: 5 });
    const revision = await saveRevision(inventory.actor, clusterId, { note: "more send threads on the leader", markDesired: true });
    const watch = watchLeader();
    const job = await operate({ action: "apply", revision: revision.number, force: false, deleteData: false });
    const seen = await watch.stop();
    expect(job.error).toBeNull();
    expect(job.state).toBe("succeeded");
    expect(job.steps.map((s) => s.title)).toEqual([`Apply config and restart ${GROUP} ${leader} (leader)`]);
    expect(logOf(job)).toMatch(new RegExp(`Wrote .*broker-${leader}\\.conf .*previous version is .*\\.prev`));
    expect(logOf(job)).toMatch(new RegExp(`Leadership moved from ${leader} to n\\d`));
    expect((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).deployedRevisionId).toBe(revision.id);
    const changed = layouts.find((l) => l.broker?.selfId === leader)!;
    // A broker that just booted on two busy cores can be slow to dump its config: ask again rather than fail.
    await expect
      .poll(
        async () => (await rocketmq.getBrokerConfig(changed.address, { timeoutMs: 5_000 }).catch(() => null))?.sendMessageThreadPoolNums,
        { timeout: 30_000 },
      )
      .toBe("3");
    const leaderless = seen.filter((s) => s.leader === null).length * 100;
    console.log(
      `[restart] apply of revision #${revision.number} to the leader: ${((job.finishedAt!.getTime() - job.startedAt!.getTime()) / 1000).toFixed(1)} s, ~${leaderless} ms without an agreed leader`,
    );
    expect(leaderless).toBeLessThan(3_000);
  }, 300_000);
});
