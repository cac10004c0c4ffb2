import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { killRocketmq, rocketmqPids, severSshConnectionsRunning } from "@/lib/testing/lab/faults";
import type { LabHost } from "@/lib/testing/lab/hosts";
import { ensureRocketmqDistribution } from "@/lib/rocketmq/distribution/assemble";
import { db } from "../db";
import { createRocketmqClient } from "../rocketmq";
import { jobEventStream, retryJob } from "../jobs";
import { JOB_DEFINITIONS } from "../worker/job-definitions";
import { closeQueue } from "../jobs/queue";
import { runJob } from "../jobs/runner";
import { createDeployJob } from "./create";
import { type LabInventory, labCluster, labInventory } from "./testing/lab-cluster";
import { type WorkerProcess, startWorkerProcess, waitFor } from "./testing/workers";

// The deploy job against real sshd hosts and real RocketMQ JVMs: one NameServer and one 3-node group (the full
// two-center topology runs in e2e/04-deploy.spec.ts). Workers are real processes, killed for real. RocketMQ 4.9.7,
// not the seed's 4.9.3: nothing here depends on the version, and 4.9.3's idle DLedger leader spins two threads
// (apache/rocketmq #4415), which on two cores slowed every broker's boot: this file's tests took about 90 s on 4.9.3, 60 s on 4.9.7.

// h5 and h6 only: other test files use h1–h4, and the last Java host (h7) is rekeyed by the lab's own tests.
// n1 and n2 share h6, as two brokers of one group may (own ports, paths, pidfiles).
const lab = inject("labHosts");
const [h5, h6] = [lab[4], lab[5]];
const noJava = lab.find((h) => !h.java)!;
const INSTALL_DIR = "/opt/rmq-deploy-test";
const VERSION = "4.9.7";
const workers: WorkerProcess[] = [];
let inventory: LabInventory;

beforeAll(async () => {
  await ensureRocketmqDistribution(VERSION);
  await killRocketmq([h5, h6]);
  // Start from hosts without nodes (the distribution may stay: installing it again is tested in e2e).
  for (const host of [h5, h6]) {
    const session = await connectToLabHost(host);
    await session.run("wiping the test install", ["rm", "-rf", `${INSTALL_DIR}/nodes`, `${INSTALL_DIR}/store`]);
    await session.close();
  }
  inventory = await labInventory([h5, h6, noJava]);
}, 300_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await killRocketmq([h5, h6]);
  await closeQueue();
}, 60_000);

/** SIGKILLs the RocketMQ JVM on `host` whose command line contains `needle` and waits until it is gone. */
async function killNode(host: LabHost, needle: string) {
  const pids = (await rocketmqPids(host)).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle));
  expect(pids).toHaveLength(1);
  process.kill(pids[0], "SIGKILL");
  await waitFor(async () => !existsSync(`/proc/${pids[0]}`), 10_000, `pid ${pids[0]} to exit`);
}

/** One NameServer on `nameServerHost` and the 3-node group g1 on h5, h6 and h6. */
const cluster = (name: string, nameServerHost: LabHost) =>
  labCluster(inventory, {
    name,
    installDir: INSTALL_DIR,
    nameServerHosts: [nameServerHost],
    groups: [{ brokerName: "g1", hosts: [h5, h6, h6] }],
    rocketmqVersion: VERSION,
  });

const jobState = (id: string) => db.job.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { position: "asc" } } } });
const runInProcess = (jobId: string) => runJob(jobId, { workerId: `test:${process.pid}:inproc`, definitions: JOB_DEFINITIONS });

async function seqs(jobId: string): Promise<number[]> {
  return (await db.jobLogLine.findMany({ where: { jobId }, orderBy: { seq: "asc" }, select: { seq: true } })).map((l) => l.seq);
}

/** Reads a job's SSE stream from the start until its end event: the ids of the log events, in arrival order. */
async function streamedIds(jobId: string): Promise<number[]> {
  const controller = new AbortController();
  const reader = jobEventStream(jobId, 0, controller.signal).getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.includes("event: end")) break;
  }
  controller.abort();
  return [...text.matchAll(/^id: (\d+)\nevent: log$/gm)].map((m) => Number(m[1]));
}

describe("bad input", () => {
  it("refuses to deploy a revision with lint errors", async () => {
    const { clusterId } = await cluster("LintErrors", h5);
    const saved = await db.clusterRevision.findFirstOrThrow({ where: { clusterId } });
    // A revision saved before a rule existed (or imported) can carry errors; saveRevision itself refuses them.
    await db.clusterRevision.create({
      data: {
        clusterId,
        number: 2,
        spec: saved.spec as object,
        files: saved.files as object,
        lint: { findings: [], counts: { error: 1, warning: 0, info: 0 } },
      },
    });
    await expect(
      createDeployJob(inventory.actor, { clusterId, revision: 2, source: { kind: "upload" }, nameServerJvmOptions: "-Xmx64m" }),
    ).rejects.toThrow(/Revision #2 has 1 lint error\(s\) and cannot be deployed/);
    expect(await db.job.count({ where: { clusterId } })).toBe(0);
  });

  it("fails preflight on a host without Java, with a message that says so, and installs nothing", async () => {
    const { clusterId } = await cluster("NoJava", noJava);
    const { jobId } = await createDeployJob(inventory.actor, { clusterId, source: { kind: "upload" }, nameServerJvmOptions: "-Xmx64m" });
    await runInProcess(jobId);
    const job = await jobState(jobId);
    expect(job.state).toBe("failed");
    const failed = job.steps.filter((s) => s.state === "failed");
    expect(failed.map((s) => s.key)).toEqual([`preflight:${inventory.hostIds.get(noJava.name)}`]);
    expect(failed[0].error).toMatch(/Java was not found .* Install a JDK or JRE/);
    expect(job.error).toMatch(/^Preflight .*Java was not found/);
    expect(job.steps.filter((s) => s.action === "install").every((s) => s.state === "pending")).toBe(true);
  }, 60_000);
});

describe("a deployment that survives its faults", () => {
  let clusterId: string;
  let revisionId: string;

  it("resumes after its worker is killed mid-deploy, ends deployed, and loses or doubles no log line", async () => {
    ({ clusterId } = await cluster("Faults", h5));
    revisionId = (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).desiredRevisionId!;
    // Two workers, started together (each boot is seconds of CPU): one takes the job and is killed, the other's
    // periodic sweep notices and later runs the resumed job.
    const pair = await Promise.all([startWorkerProcess(inject("databaseUrl")), startWorkerProcess(inject("databaseUrl"))]);
    workers.push(...pair);
    const { jobId } = await createDeployJob(inventory.actor, {
      clusterId,
      source: { kind: "upload" },
      nameServerJvmOptions: "-Xms64m -Xmx128m -Xmn32m",
    });

    await waitFor(() => db.jobLogLine.findFirst({ where: { jobId, text: { startsWith: "Starting g1 " } } }), 180_000, "a broker start");
    // The worker id is "host:pid:random".
    const { workerId } = await jobState(jobId);
    const running = pair.find((w) => w.child.pid === Number(workerId?.split(":")[1]));
    expect(running, `the worker ${workerId} running the job`).toBeDefined();
    await running!.stop("SIGKILL");
    const killedAt = new Date();
    const linesAtKill = await seqs(jobId);

    const interrupted = await waitFor(
      async () => {
        const job = await jobState(jobId);
        return job.state === "interrupted" && job;
      },
      30_000,
      "the job to be marked interrupted",
    );
    expect(interrupted.error).toMatch(/stopped; resume the job/);
    expect((await seqs(jobId)).slice(0, linesAtKill.length)).toEqual(linesAtKill);

    await retryJob(inventory.actor, jobId);
    const done = await waitFor(
      async () => {
        const job = await jobState(jobId);
        return ["succeeded", "failed", "cancelled"].includes(job.state) && job;
      },
      240_000,
      "the resumed job to end",
    );
    expect(done.error).toBeNull();
    expect(done.state).toBe("succeeded");
    // Steps finished before the kill were not run again.
    expect(done.steps.filter((s) => s.action === "preflight").every((s) => s.finishedAt! < killedAt)).toBe(true);
    expect((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).deployedRevisionId).toBe(revisionId);

    const stored = await seqs(jobId);
    expect(stored).toEqual(stored.map((_, i) => i + 1));
    expect(await streamedIds(jobId)).toEqual(stored);

    const rocketmq = createRocketmqClient({ timeoutMs: 3_000 });
    try {
      const info = await rocketmq.getClusterInfo(`${h5.address}:9876`);
      const members = info.clusters.find((c) => c.name === "FaultsCluster")!.brokerGroups[0].members;
      expect(members.map((m) => m.brokerId).filter((id) => id === 0)).toHaveLength(1);
      expect(members).toHaveLength(3);
    } finally {
      await rocketmq.close();
    }
  }, 420_000);

  it("fails the step clearly when a host's SSH connection is severed mid-step, and a retry succeeds", async () => {
    // Only n1 (n2 shares h6 and keeps running): the retry has one broker to wait for, the one whose start was cut.
    await killNode(h6, "/nodes/broker-g1-n1/");
    const { jobId } = await createDeployJob(inventory.actor, {
      clusterId,
      source: { kind: "upload" },
      nameServerJvmOptions: "-Xms64m -Xmx128m -Xmn32m",
    });
    await waitFor(() => db.jobLogLine.findFirst({ where: { jobId, text: { startsWith: "Starting g1 n1" } } }), 120_000, "n1's start on h6");
    expect(await severSshConnectionsRunning(h6, "/nodes/broker-g1-n1/")).toBeGreaterThan(0);
    const failed = await waitFor(
      async () => {
        const job = await jobState(jobId);
        return job.state !== "running" && job.state !== "queued" && job;
      },
      60_000,
      "the job to fail",
    );
    expect(failed.state).toBe("failed");
    const step = failed.steps.find((s) => s.state === "failed")!;
    expect(step.action).toBe("start-brokers");
    expect(step.error).toMatch(new RegExp(`The SSH connection to ${h6.address.replaceAll(".", "\\.")} dropped`));

    await retryJob(inventory.actor, jobId);
    const done = await waitFor(
      async () => {
        const job = await jobState(jobId);
        return ["succeeded", "failed", "cancelled"].includes(job.state) && job;
      },
      180_000,
      "the retried job to end",
    );
    expect(done.error).toBeNull();
    expect(done.state).toBe("succeeded");
  }, 300_000);

  it("changes nothing when the healthy cluster is deployed again, and says so", async () => {
    const { jobId } = await createDeployJob(inventory.actor, {
      clusterId,
      source: { kind: "upload" },
      nameServerJvmOptions: "-Xms64m -Xmx128m -Xmn32m",
    });
    const done = await waitFor(
      async () => {
        const job = await jobState(jobId);
        return ["succeeded", "failed", "cancelled"].includes(job.state) && job;
      },
      120_000,
      "the re-run to end",
    );
    expect(done.error).toBeNull();
    expect(done.summary).toMatch(/^No changes: revision #1 was already deployed and healthy/);
    expect(done.steps.every((s) => s.state === "succeeded" && !s.changed)).toBe(true);
  }, 150_000);
});
