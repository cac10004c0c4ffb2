import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { killRocketmq } from "@/lib/testing/lab/faults";
import type { LabHost } from "@/lib/testing/lab/hosts";
import { ensureRocketmqDistribution } from "@/lib/rocketmq/distribution/assemble";
import { produceMessages, startGroupConsumer, startProducer } from "@/lib/testing/java-client";
import { loadDraft, parseRevision, saveDraft, saveRevision } from "../clusters";
import { db } from "../db";
import { createDeployJob } from "../deploy";
import { type LabInventory, labCluster, labInventory, SMALL_STORE } from "../deploy/testing/lab-cluster";
import { closeQueue } from "../jobs/queue";
import { runJob } from "../jobs/runner";
import { type NodeLayout, nodeLayouts } from "../nodes/layout";
import { refreshDrift } from "../nodes/drift";
import { createRocketmqClient, type RocketmqClient } from "../rocketmq";
import { JOB_DEFINITIONS } from "../worker/job-definitions";
import { createOperationJob } from "./create";
import { probeGroup } from "./live-group";
import { agreedLeader } from "./safety";
import { stopWaiting } from "./stop-waiting";

// Scale out and in on a live cluster, against real sshd hosts and real RocketMQ 4.9.7 JVMs (4.9.3's idle leader
// spins, apache/rocketmq #4415): one NameServer and group A (3 nodes over h11 and h12), then a revision adding
// group B on the same hosts (its ports auto-placed beside A's) and one removing A under a running producer and
// consumer. h11 and h12 only: the other lab hosts belong to other suites.

const VERSION = "4.9.7";
const lab = inject("labHosts");
const [h11, h12] = [lab[10], lab[11]];
const INSTALL_DIR = "/opt/rmq-scale-test";
const NAMESERVER_JVM = "-Xms64m -Xmx128m -Xmn32m";
const TOPIC = "ScaleOrders";
// labCluster names the broker cluster after the cluster.
const BROKER_CLUSTER = "ScaleCluster";
const namesrv = `${h11.address}:9876`;
let inventory: LabInventory;
let clusterId: string;
let rocketmq: RocketmqClient;
const began = Date.now();

const admin = () => ({ ...inventory.actor, role: "admin" as const });
const runInProcess = (jobId: string) => runJob(jobId, { workerId: `test:${process.pid}:scale`, definitions: JOB_DEFINITIONS });
const jobState = (id: string) =>
  db.job.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { position: "asc" } }, logLines: { orderBy: { seq: "asc" } } } });
const logOf = (job: Awaited<ReturnType<typeof jobState>>) => job.logLines.map((l) => l.text).join("\n");
const seconds = (from: number) => ((Date.now() - from) / 1000).toFixed(1);

async function deployedLayouts(): Promise<NodeLayout[]> {
  const cluster = await db.cluster.findUniqueOrThrow({ where: { id: clusterId }, include: { deployedRevision: true } });
  const revision = parseRevision(cluster.deployedRevision!);
  return nodeLayouts(revision.spec, revision.files, NAMESERVER_JVM);
}

/** Applies a revision as an operator does, and expects it to succeed. */
async function apply(revision: number) {
  const { jobId } = await createOperationJob(admin(), clusterId, { action: "apply", revision, force: false, deleteData: false });
  await runInProcess(jobId);
  const job = await jobState(jobId);
  if (job.state !== "succeeded") throw new Error(`applying revision #${revision} failed: ${job.error}\n${logOf(job)}`);
  return job;
}

/** Runs a command on a lab host and returns its stdout. */
async function onHost(host: LabHost, what: string, argv: string[]): Promise<string> {
  const session = await connectToLabHost(host);
  try {
    return (await session.run(what, argv)).stdout;
  } finally {
    await session.close();
  }
}

const hostOf = (node: NodeLayout) => lab.find((h) => node.address.startsWith(`${h.address}:`))!;

/** Each node's pid as its host says: the pidfile, and that the process lives. */
async function pidsOnHosts(nodes: NodeLayout[]): Promise<Record<string, string>> {
  const pids: Record<string, string> = {};
  for (const node of nodes) {
    pids[node.label] = (
      await onHost(hostOf(node), "reading the pid", ["sh", "-c", 'pid="$(cat "$1")" && kill -0 "$pid" && echo "$pid"', "sh", node.pidfile])
    ).trim();
  }
  return pids;
}

/** The address of the group's agreed leader, once there is one. */
async function leaderAddress(brokerName: string): Promise<string> {
  const layouts = await deployedLayouts();
  for (let i = 0; i < 120; i++) {
    const leader = agreedLeader(await probeGroup(rocketmq, layouts, brokerName));
    if (leader) return layouts.find((l) => l.broker?.brokerName === brokerName && l.broker.selfId === leader)!.address;
    await sleep(500);
  }
  throw new Error(`${brokerName} elected no leader within a minute`);
}

async function listedGroups(): Promise<string[]> {
  const info = await rocketmq.getClusterInfo(namesrv);
  return (info.clusters.find((c) => c.name === BROKER_CLUSTER)?.brokerGroups ?? []).map((g) => g.brokerName).sort();
}

/**
 * Plays the operator: once the decommission reports A empty for 10 s after its write permission went (this test's
 * producer refreshes its routes every 5 s), presses "stop waiting". Returns the drain's seconds at that moment.
 */
async function stopWaitingOnceEmpty(jobId: string): Promise<number> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const job = await jobState(jobId);
    const step = job.steps.find((s) => s.action === "decommission");
    if (job.state !== "running" && job.state !== "queued")
      throw new Error(`the job ended before the drain was over: ${job.error}\n${logOf(job)}`);
    const empty = [...logOf(job).matchAll(/Draining A: nothing left to consume; .*\((\d+) of \d+ s\)/g)].map((m) => Number(m[1]));
    if (step && empty.some((s) => s >= 10)) {
      await stopWaiting(admin(), jobId, step.key);
      return Math.max(...empty);
    }
    await sleep(500);
  }
  throw new Error("the decommission never reported A empty");
}

beforeAll(async () => {
  await ensureRocketmqDistribution(VERSION);
  await killRocketmq([h11, h12]);
  for (const host of [h11, h12])
    await onHost(host, "wiping the test install", ["rm", "-rf", `${INSTALL_DIR}/nodes`, `${INSTALL_DIR}/store`]);
  inventory = await labInventory([h11, h12]);
  ({ clusterId } = await labCluster(inventory, {
    name: "Scale",
    installDir: INSTALL_DIR,
    nameServerHosts: [h11],
    groups: [{ brokerName: "A", hosts: [h11, h12, h12] }],
    rocketmqVersion: VERSION,
  }));
  const { jobId } = await createDeployJob(inventory.actor, { clusterId, source: { kind: "upload" }, nameServerJvmOptions: NAMESERVER_JVM });
  await runInProcess(jobId);
  const deployed = await jobState(jobId);
  if (deployed.state !== "succeeded") throw new Error(`the deploy failed: ${deployed.error}\n${logOf(deployed)}`);
  rocketmq = createRocketmqClient({ timeoutMs: 3_000 });
  await rocketmq.createOrUpdateTopic(await leaderAddress("A"), { topic: TOPIC, readQueueNums: 4, writeQueueNums: 4 });
  console.log(`[scale] deployed NameServer + group A and created ${TOPIC}: ${seconds(began)} s`);
}, 300_000);

afterAll(async () => {
  await rocketmq?.close();
  await killRocketmq([h11, h12]);
  await closeQueue();
  console.log(`[scale] the whole file: ${seconds(began)} s`);
}, 60_000);

describe("scale out and in", () => {
  it("adds group B beside A: A's processes keep their pids, B's ports clear A's, B elects a leader and takes writes", async () => {
    const a = (await deployedLayouts()).filter((l) => l.broker?.brokerName === "A");
    const before = await pidsOnHosts(a);
    const { draft } = await loadDraft(clusterId);
    const [first] = draft.groups;
    const hostId = (host: LabHost) => inventory.hostIds.get(host.name)!;
    draft.groups.push({
      ...first,
      brokerName: "B",
      dLegerGroup: "B",
      preferredLeaderId: undefined,
      nodes: [h11, h12, h11].map((host, i) => ({
        selfId: `n${i}`,
        hostId: hostId(host),
        hostAddress: host.address,
        heapMb: 256,
        extraProperties: SMALL_STORE,
      })),
    });
    await saveDraft(clusterId, { draft, step: 5 });
    const revision = await saveRevision(inventory.actor, clusterId, { note: "add group B", markDesired: true });

    const started = Date.now();
    const job = await apply(revision.number);
    console.log(`[scale] apply of revision #${revision.number} (add B): ${seconds(started)} s`);
    expect(job.steps.map((s) => s.action)).toEqual(["start-group"]);
    const layouts = await deployedLayouts();
    for (const host of [h11, h12]) {
      const ports = layouts.filter((l) => l.hostId === hostId(host)).flatMap((l) => l.ports);
      expect(new Set(ports).size, `ports on ${host.name}`).toBe(ports.length);
    }
    expect(await pidsOnHosts(a)).toEqual(before);
    expect(await listedGroups()).toEqual(["A", "B"]);

    await rocketmq.createOrUpdateTopic(await leaderAddress("B"), { topic: TOPIC, readQueueNums: 4, writeQueueNums: 4 });
    const sent = await produceMessages({ namesrv, topic: TOPIC, count: 16, keyPrefix: "before-", version: VERSION });
    const onB = sent.messages.filter((m) => m.brokerName === "B").length;
    console.log(`[scale] ${sent.acked} of 16 sent before the scale-in acked, ${onB} on B`);
    expect(sent.acked).toBe(16);
    expect(onB).toBeGreaterThan(0);
  }, 300_000);

  it("removes group A under a producer and a consumer: A drained, unlisted, its store kept, no acked message lost", async () => {
    const a = (await deployedLayouts()).filter((l) => l.broker?.brokerName === "A");
    // This producer refreshes its routes every 5 s, not 30: it has left A long before the drain's margin for
    // default clients ends, so the operator may stop waiting as soon as A reads empty.
    const [consumer, producer] = await Promise.all([
      startGroupConsumer({ namesrv, topic: TOPIC, group: "scale-readers", mode: "push", version: VERSION }),
      startProducer({ namesrv, topic: TOPIC, rate: 20, pollNameServerIntervalMs: 5_000, version: VERSION }),
    ]);
    try {
      const { draft } = await loadDraft(clusterId);
      draft.groups = draft.groups.filter((g) => g.brokerName !== "A");
      await saveDraft(clusterId, { draft, step: 5 });
      const revision = await saveRevision(inventory.actor, clusterId, { note: "remove group A", markDesired: true });

      const started = Date.now();
      const { jobId } = await createOperationJob(admin(), clusterId, {
        action: "apply",
        revision: revision.number,
        force: false,
        deleteData: false,
      });
      const running = runInProcess(jobId);
      const stoppedAfter = await stopWaitingOnceEmpty(jobId);
      await running;
      const job = await jobState(jobId);
      console.log(
        `[scale] apply of revision #${revision.number} (remove A): ${seconds(started)} s, stopped waiting ${stoppedAfter} s into the drain`,
      );
      expect(job.error).toBeNull();
      expect(job.state).toBe("succeeded");
      expect(job.steps.map((s) => s.action)).toEqual(["decommission"]);
      const log = logOf(job);
      // The drain as the operator watched it: the wipe, the lag every 5 s, who stopped waiting.
      console.log(
        log
          .split("\n")
          .filter((line) => /write permission|Draining A|stopped waiting|registered again/.test(line))
          .map((line) => `[scale]   ${line}`)
          .join("\n"),
      );
      expect(log).toMatch(/NameServer \S+ took write permission off A: \d+ topic routes? now read-only/);
      expect(log).toMatch(new RegExp(`${inventory.actor.username} stopped waiting for A to drain \\(0 messages still unread\\)`));
      expect(log).toMatch(/A is gone: 1 NameServer lists it no more/);
      expect(log).toMatch(new RegExp(`Kept A n0's store on ${h11.name}`));
      expect(await listedGroups()).toEqual(["B"]);
      for (const node of a) await onHost(hostOf(node), "checking the store is kept", ["test", "-d", node.storePaths[0]]);
      expect(await db.auditEvent.count({ where: { action: "job.stopWaiting", targetId: jobId } })).toBe(1);
    } finally {
      const produced = await producer.stop();
      const acked = new Set(Array.from({ length: produced.sent }, (_, i) => `k-${i}`));
      for (const key of produced.gaveUpKeys) acked.delete(key);
      const read = () => new Set(consumer.received.map((m) => m.key).filter((k): k is string => k !== null && acked.has(k)));
      await expect.poll(() => read().size, { timeout: 60_000, interval: 500 }).toBe(acked.size);
      const fromA = new Set(consumer.received.filter((m) => m.brokerName === "A" && m.key && acked.has(m.key)).map((m) => m.key)).size;
      const before = new Set(consumer.received.filter((m) => m.key?.startsWith("before-")).map((m) => m.key)).size;
      console.log(
        `[scale] producer: ${produced.sent} sent, ${produced.acked} acked, ${produced.gaveUp} given up, ${produced.failedAttempts} failed attempts; ` +
          `consumer: ${read().size} of ${acked.size} acked read back (${fromA} of them from A), ${before} of the 16 sent before, ${consumer.received.length} deliveries`,
      );
      await consumer.stop();
      expect(produced.gaveUp).toBe(0);
      expect(before).toBe(16);
    }
    // What the hosts run is what revision #3 says: B's nodes and the NameServer, nothing of A.
    const drift = await refreshDrift(clusterId);
    expect(drift, JSON.stringify(drift?.items)).toMatchObject({ inSync: true, items: [] });
  }, 300_000);
});
