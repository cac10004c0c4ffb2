import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { killRocketmq } from "@/lib/testing/lab/faults";
import type { LabHost } from "@/lib/testing/lab/hosts";
import { consumeAll, createTopic, startProducer } from "@/lib/testing/java-client";
import { ensureRocketmqDistribution } from "@/lib/rocketmq/distribution/assemble";
import { createUpgradeRevision, loadDraft, loadRevision, saveDraft, saveRevision } from "../clusters";
import { db } from "../db";
import { createDeployJob } from "../deploy";
import { type LabInventory, labCluster, labInventory } from "../deploy/testing/lab-cluster";
import { retryJob } from "../jobs";
import { closeQueue } from "../jobs/queue";
import { runJob } from "../jobs/runner";
import { refreshDrift } from "../nodes/drift";
import { UNPACK } from "../nodes/install-scripts";
import { type NodeLayout, nodeLayouts, processKey } from "../nodes/layout";
import { bash } from "../ssh";
import { createRocketmqClient, type RocketmqClient } from "../rocketmq";
import { JOB_DEFINITIONS } from "../worker/job-definitions";
import { createOperationJob } from "./create";
import { probeGroup } from "./live-group";
import { agreedLeader } from "./safety";
import { operationStepParamsSchema } from "./schema";

// The rolling upgrade 4.9.3 → 4.9.7 against real sshd hosts and real JVMs, under a real Java producer: NameServers on
// h9 and h10 (a NameServer is upgraded only while another answers), the 3-node group u1 with n0 on h9 and n1, n2 on
// h10 (h9 and h10 belong to this file). h10's 4.9.7 is broken before the apply (its broker jar removed from a home
// that carries the right install marker, so the install step keeps it): the first node upgraded there cannot boot
// and is rolled back; the host is repaired and Retry finishes the upgrade. 4.9.3 runs only as long as the upgrade
// from it takes (its idle DLedger leader spins two threads, apache/rocketmq #4415).

const lab = inject("labHosts");
const [h9, h10] = [lab[8], lab[9]];
const INSTALL_DIR = "/opt/rmq-upgrade-test";
const GROUP = "u1";
const FROM = "4.9.3";
const TO = "4.9.7";
const JVM = "-Xms64m -Xmx128m -Xmn32m";
const BROKEN_HOME = `${INSTALL_DIR}/rocketmq-${TO}`;
let inventory: LabInventory;
let clusterId: string;
let rocketmq: RocketmqClient;

const admin = () => ({ ...inventory.actor, role: "admin" as const });
const runInProcess = (jobId: string) => runJob(jobId, { workerId: `test:${process.pid}:upgrade`, definitions: JOB_DEFINITIONS });
const jobState = (id: string) =>
  db.job.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { position: "asc" } }, logLines: { orderBy: { seq: "asc" } } } });
const logOf = (job: Awaited<ReturnType<typeof jobState>>) => job.logLines.map((l) => l.text).join("\n");
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

async function onHost<T>(host: LabHost, work: (session: Awaited<ReturnType<typeof connectToLabHost>>) => Promise<T>): Promise<T> {
  const session = await connectToLabHost(host);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

const labHostOf = (layout: NodeLayout) => [h9, h10].find((h) => inventory.hostIds.get(h.name) === layout.hostId)!;

/** The release the node's live process was started from (its classpath names the home), or null when none runs. */
async function runningHome(layout: NodeLayout): Promise<string | null> {
  const script = 'pid="$(cat "$1" 2>/dev/null)" && tr "\\0" " " <"/proc/$pid/cmdline"';
  const result = await onHost(labHostOf(layout), (session) => session.exec(["sh", "-c", script, "sh", layout.pidfile]));
  return /rocketmq-(\d+\.\d+\.\d+)\/lib/.exec(result.stdout)?.[1] ?? null;
}

const reportedVersion = async (layout: NodeLayout) => (await rocketmq.getBrokerRuntimeInfo(layout.address, { timeoutMs: 5_000 })).version;

beforeAll(async () => {
  const began = Date.now();
  await Promise.all([ensureRocketmqDistribution(FROM), ensureRocketmqDistribution(TO)]);
  await killRocketmq([h9, h10]);
  for (const host of [h9, h10]) {
    await onHost(host, (session) =>
      session.run("wiping the test install", [
        "rm",
        "-rf",
        `${INSTALL_DIR}/nodes`,
        `${INSTALL_DIR}/store`,
        `${INSTALL_DIR}/rocketmq-${TO}`,
        `${INSTALL_DIR}/rocketmq-${TO}.partial`,
      ]),
    );
  }
  inventory = await labInventory([h9, h10]);
  ({ clusterId } = await labCluster(inventory, {
    name: "Upgrade",
    installDir: INSTALL_DIR,
    nameServerHosts: [h9, h10],
    groups: [{ brokerName: GROUP, hosts: [h9, h10, h10] }],
    rocketmqVersion: FROM,
  }));
  // A restarted NameServer is complete once every broker re-registered: every 10 s rather than 30.
  const { draft } = await loadDraft(clusterId);
  for (const node of draft.groups[0].nodes) node.extraProperties = { ...node.extraProperties, registerNameServerPeriod: "10000" };
  await saveDraft(clusterId, { draft, step: 5 });
  await saveRevision(inventory.actor, clusterId, { note: "brokers re-register every 10 s", markDesired: true });
  const { jobId } = await createDeployJob(inventory.actor, { clusterId, source: { kind: "upload" }, nameServerJvmOptions: JVM });
  await runInProcess(jobId);
  const deployed = await jobState(jobId);
  if (deployed.state !== "succeeded") throw new Error(`the deploy failed: ${deployed.error}\n${logOf(deployed)}`);
  rocketmq = createRocketmqClient({ timeoutMs: 2_000 });
  console.log(`[upgrade] ${FROM} deployed in ${seconds(began)} s`);
}, 400_000);

afterAll(async () => {
  await rocketmq?.close();
  await killRocketmq([h9, h10]);
  await onHost(h10, (session) => session.run("removing the broken release", ["rm", "-rf", BROKEN_HOME])).catch(() => undefined);
  await closeQueue();
}, 60_000);

/** h10's 4.9.7 as the install step finds it already there (the right marker), without the broker's own jar. */
async function breakReleaseOnH10() {
  const tarball = `${INSTALL_DIR}/downloads/rocketmq-${TO}.tar.gz`;
  const local = (await ensureRocketmqDistribution(TO)).tarball;
  const sha256 = readFileSync(`${local}.sha256`, "utf8").split(/\s+/)[0];
  await onHost(h10, async (session) => {
    await session.run("creating the download folder", ["mkdir", "-p", `${INSTALL_DIR}/downloads`]);
    if ((await session.sha256(tarball).catch(() => null)) !== sha256) await session.upload(local, tarball);
    await session.run("unpacking", bash(UNPACK, [tarball, BROKEN_HOME, sha256]));
    await session.run("breaking the release", ["rm", `${BROKEN_HOME}/lib/rocketmq-broker-${TO}.jar`]);
  });
}

describe("rolling upgrade", () => {
  it(`upgrades ${FROM} → ${TO} under a producer; a node that cannot boot the new release is rolled back, and Retry finishes`, async () => {
    const began = Date.now();
    const namesrv = `${h9.address}:9876;${h10.address}:9876`;
    const topic = "UpgradeTopic";
    await createTopic({ namesrv, cluster: "UpgradeCluster", topic, queues: 4, version: TO });
    const producer = await startProducer({ namesrv, topic, rate: 20, pollNameServerIntervalMs: 1_000, version: TO });

    const { revision: upgraded } = await createUpgradeRevision(inventory.actor, clusterId, TO, `upgrade to ${TO}`);
    const next = await loadRevision({ clusterId, number: upgraded });
    const layouts = nodeLayouts(next.spec, next.files, JVM);
    const brokers = layouts.filter((l) => l.kind === "broker");
    await breakReleaseOnH10();

    const { jobId } = await createOperationJob(admin(), clusterId, {
      action: "apply",
      revision: next.number,
      force: false,
      deleteData: false,
    });
    await runInProcess(jobId);
    const failed = await jobState(jobId);
    expect(failed.state, logOf(failed)).toBe("failed");
    const failedStep = failed.steps.find((s) => s.state === "failed")!;
    expect(failedStep.action).toBe("upgrade");
    const target = operationStepParamsSchema.parse(failedStep.params);
    const node = layouts.find((l) => "process" in target && processKey(l) === target.process)!;
    expect(node.kind).toBe("broker");
    expect(labHostOf(node)).toBe(h10);
    expect(failed.error).toMatch(
      new RegExp(
        `Upgrading ${node.label} on \\S+ to RocketMQ ${TO} failed \\(.*did not start.*\\)\\. It was rolled back to RocketMQ ${FROM} with its previous config\\. ${GROUP} is healthy: .*Retry`,
      ),
    );
    // Rolled back: the node runs 4.9.3 again, and its group has a leader all three follow.
    expect(await runningHome(node)).toBe(FROM);
    expect(await reportedVersion(node)).toBe("V4_9_3");
    const members = await probeGroup(rocketmq, layouts, GROUP);
    expect(agreedLeader(members)).not.toBeNull();
    expect(members.filter((m) => m.up && m.leaderId === agreedLeader(members))).toHaveLength(3);
    console.log(`[upgrade] ${node.label} failed on the broken ${TO} and was rolled back: ${seconds(began)} s in`);

    await onHost(h10, (session) => session.run("repairing h10", ["rm", "-rf", BROKEN_HOME]));
    await retryJob(admin(), jobId);
    await runInProcess(jobId);
    const done = await jobState(jobId);
    expect(done.state, logOf(done)).toBe("succeeded");
    const took = (s: (typeof done.steps)[number]) =>
      s.startedAt && s.finishedAt ? ((s.finishedAt.getTime() - s.startedAt.getTime()) / 1000).toFixed(1) : "-";
    console.log(`[upgrade] steps after Retry: ${done.steps.map((s) => `${s.title} ${took(s)} s`).join("; ")}`);
    for (const broker of brokers) expect(await reportedVersion(broker)).toBe("V4_9_7");
    for (const layout of layouts) expect(await runningHome(layout)).toBe(TO);
    const cluster = await db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(cluster.deployedRevisionId).toBe(next.id);
    expect(cluster.rocketmqVersion).toBe(TO);

    const produced = await producer.stop();
    const consumed = await consumeAll({ namesrv, topic, idleMs: 5_000, expected: produced, version: TO });
    console.log(
      `[upgrade] ${FROM} → ${TO} in ${seconds(began)} s: ${produced.acked} acked (${produced.failedAttempts} failed attempts retried, longest outage ${produced.longestOutageMs} ms, ${produced.gaveUp} given up), ${consumed.distinctKeys} read back`,
    );
    expect(produced.gaveUp).toBe(0);
    expect(consumed.missingKeys).toEqual([]);
    expect(consumed.distinctKeys).toBe(produced.acked);

    const drift = await refreshDrift(clusterId);
    if (drift) expect(drift.inSync, JSON.stringify(drift.items)).toBe(true);
  }, 600_000);
});
