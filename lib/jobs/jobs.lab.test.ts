import os from "node:os";
import { afterAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { netnsPids } from "@/lib/testing/lab/network";
import { readFileSync } from "node:fs";
import { db } from "../db";
import type { SshSession } from "../ssh";
import type { AppError } from "../errors";
import { message, storedMessage } from "../i18n/message";
import { translate } from "../i18n/translate";
import { createClusterJob } from "./create";
import { LogSink } from "./log-sink";
import { type JobDefinition, StepFailure, titled } from "./model";
import { closeQueue } from "./queue";
import { runJob } from "./runner";
import { cancelJob, insertJob, readLogLines, retryJob } from "./store";
import { interruptOrphanedJobs } from "./sweep";

const host = inject("labHosts")[4];
let actor: { id: string; username: string };

afterAll(() => closeQueue());

async function theActor() {
  actor ??= await db.user.create({
    data: { username: `jobs-${Date.now()}`, passwordHash: "x", role: "admin" },
    select: { id: true, username: true },
  });
  return actor;
}

async function newJob(kind: string, steps: { key: string; stage: number }[]) {
  await theActor();
  return db.$transaction((tx) =>
    insertJob(tx, actor, {
      kind,
      title: `${kind} test`,
      params: {},
      steps: steps.map((s) => ({ ...s, action: s.key, title: `Step ${s.key}` })),
    }),
  );
}

const run = (jobId: string, definition: JobDefinition) =>
  runJob(jobId, { workerId: `${os.hostname()}:${process.pid}:test`, definitions: { [definition.kind]: definition } });
const steps = (jobId: string) => db.jobStep.findMany({ where: { jobId }, orderBy: { position: "asc" } });

describe("the log sink", () => {
  it("numbers lines without gaps, in order, and a later run continues after the last stored line", async () => {
    const job = await newJob("log", []);
    const first = await LogSink.open(job.id);
    for (let i = 0; i < 2_500; i++) first.write(null, "stdout", `line ${i}`);
    first.writeLines(null, "stderr", "a\nb\n");
    await first.close();
    const again = await LogSink.open(job.id);
    expect(again.write(null, "info", "resumed")).toBe(2_503);
    await again.close();
    const lines = await db.jobLogLine.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: 2_503 }, (_, i) => i + 1));
    expect(lines.slice(2_500).map((l) => [l.stream, l.text])).toEqual([
      ["stderr", "a"],
      ["stderr", "b"],
      ["info", "resumed"],
    ]);
  });
});

describe("the runner", () => {
  it("runs stages in order and a stage's steps in parallel; a retry runs only what did not finish", async () => {
    const job = await newJob("stages", [
      { key: "a1", stage: 0 },
      { key: "a2", stage: 0 },
      { key: "b", stage: 1 },
      { key: "c", stage: 2 },
    ]);
    const calls: string[] = [];
    let failB = true;
    const definition: JobDefinition = {
      kind: "stages",
      open: async () => null,
      close: async () => {},
      runStep: async (_resources, ctx) => {
        calls.push(`start ${ctx.step.key}`);
        // Parallel steps of one stage wait for each other (up to 5 s): run one after the other, a1 ends first.
        const bothStarted = () => calls.includes("start a1") && calls.includes("start a2");
        for (const deadline = Date.now() + 5_000; ctx.step.key.startsWith("a") && !bothStarted() && Date.now() < deadline; ) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        calls.push(`end ${ctx.step.key}`);
        if (ctx.step.key === "b" && failB) throw new StepFailure("b broke", 7);
        return { changed: ctx.step.key !== "c" };
      },
    };
    await run(job.id, definition);
    expect(calls.slice(0, 2).sort()).toEqual(["start a1", "start a2"]);
    expect((await steps(job.id)).map((s) => [s.key, s.state, s.exitCode])).toEqual([
      ["a1", "succeeded", null],
      ["a2", "succeeded", null],
      ["b", "failed", 7],
      ["c", "pending", null],
    ]);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).error).toBe("Step b: b broke");

    failB = false;
    calls.length = 0;
    await retryJob(actor, job.id);
    await run(job.id, definition);
    expect(calls).toEqual(["start b", "end b", "start c", "end c"]);
    const done = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done.state).toBe("succeeded");
    expect(done.attempt).toBe(2);
  });

  it("cancel stops the remote command on the host, not only the job", async () => {
    const job = await newJob("remote", [{ key: "sleep", stage: 0 }]);
    let session: SshSession | null = null;
    const definition: JobDefinition = {
      kind: "remote",
      open: async () => (session = await connectToLabHost(host)),
      close: async () => session?.close(),
      runStep: async (_resources, ctx) => {
        await session!.run("sleeping", ["sh", "-c", "echo sleeping; sleep 61; echo woke"], {
          signal: ctx.signal,
          onStdout: ctx.stream("stdout").write,
        });
        return { changed: true };
      },
    };
    const running = run(job.id, definition);
    const started = async () => (await db.jobLogLine.count({ where: { jobId: job.id, text: "sleeping" } })) > 0;
    while (!(await started())) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await sleepersOnHost()).toBeGreaterThan(0);
    await cancelJob(actor, job.id);
    await running;
    const [step] = await steps(job.id);
    expect(step.state).toBe("cancelled");
    expect(step.error).toMatch(/cancelled and stopped/);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).state).toBe("cancelled");
    expect(await sleepersOnHost()).toBe(0);
  }, 30_000);
});

async function sleepersOnHost(): Promise<number> {
  let count = 0;
  for (const pid of await netnsPids(host.netns)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim() === "sleep 61") count += 1;
    } catch {
      // Gone.
    }
  }
  return count;
}

describe("a worker that dies", () => {
  it("leaves its job interrupted with its log intact, ready to resume", async () => {
    const job = await newJob("orphan", [{ key: "x", stage: 0 }]);
    const sink = await LogSink.open(job.id);
    sink.write(null, "stdout", "before the crash");
    await sink.close();
    // A worker process on this machine that no longer exists (pid beyond pid_max).
    await db.job.update({
      where: { id: job.id },
      data: { state: "running", workerId: `${os.hostname()}:4194999:gone`, heartbeatAt: new Date() },
    });
    await db.jobStep.updateMany({ where: { jobId: job.id }, data: { state: "running" } });
    expect(await interruptOrphanedJobs()).toContain(job.id);
    const interrupted = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(interrupted.state).toBe("interrupted");
    expect((await steps(job.id))[0].state).toBe("interrupted");
    const lines = await db.jobLogLine.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
    expect(lines.map((l) => l.text)).toEqual(["before the crash", expect.stringMatching(/stopped before the job ended/)]);

    await retryJob(actor, job.id);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).state).toBe("queued");
    expect((await steps(job.id))[0].state).toBe("pending");
  });
});

describe("what a job writes", () => {
  it("is stored for the reader's language beside its English, which the text columns keep as before", async () => {
    await theActor();
    const job = await db.$transaction((tx) =>
      insertJob(tx, actor, {
        kind: "texts",
        ...titled(message("jobs.title.deploy", { cluster: "C", revision: 1 })),
        params: {},
        steps: [{ key: "verify", stage: 0, action: "verify", ...titled(message("steps.verify")) }],
      }),
    );
    const definition: JobDefinition = {
      kind: "texts",
      open: async () => null,
      close: async () => {},
      runStep: async (_resources, ctx) => {
        ctx.log(message("jobLog.verify.notYet"));
        ctx.log("a command's own output");
        throw new StepFailure(message("jobLog.cancelled"));
      },
    };
    await run(job.id, definition);
    const chinese = (stored: unknown) => translate(storedMessage(stored, "(English only)"), "zh-CN");
    const lines = await db.jobLogLine.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
    expect(lines.map((l) => l.text)).toEqual([
      expect.stringMatching(/^Run 1 started on worker \S+\.$/),
      "Not there yet:",
      "a command's own output",
      "✗ Verify registration and leaders: Cancelled.",
      'Job failed at "Verify registration and leaders". Fix the cause and retry: finished steps are kept.',
    ]);
    expect(lines.map((l) => chinese(l.message))).toEqual([
      expect.stringMatching(/^第 1 次运行已在 worker \S+ 上开始。$/),
      "尚未就绪：",
      "(English only)",
      "✗ 校验注册情况和 leader：已取消。",
      "任务在“校验注册情况和 leader”处失败。请排除原因后重试：已完成的步骤会保留。",
    ]);
    // The API sends a message only with the lines the panel wrote.
    expect((await readLogLines(job.id, 0)).map((l) => "message" in l)).toEqual([true, true, false, true, true]);

    const failed = await db.job.findUniqueOrThrow({ where: { id: job.id }, include: { steps: true } });
    expect([failed.title, chinese(failed.titleMessage)]).toEqual(["Deploy C revision #1", "部署 C 的修订版 #1"]);
    expect([failed.error, chinese(failed.errorMessage)]).toEqual([
      "Verify registration and leaders: Cancelled.",
      "校验注册情况和 leader：已取消。",
    ]);
    expect([failed.steps[0].error, chinese(failed.steps[0].errorMessage)]).toEqual(["Cancelled.", "已取消。"]);

    await retryJob(actor, job.id);
    const note = await db.jobLogLine.findFirstOrThrow({ where: { jobId: job.id }, orderBy: { seq: "desc" } });
    expect([note.text, chinese(note.message)]).toEqual([
      `Retried by ${actor.username}, from step "Verify registration and leaders".`,
      `已由 ${actor.username} 从步骤“校验注册情况和 leader”开始重试。`,
    ]);
    const retried = await db.job.findUniqueOrThrow({ where: { id: job.id }, include: { steps: true } });
    expect([retried.error, retried.errorMessage, retried.steps[0].errorMessage]).toEqual([null, null, null]);
  });
});

describe("a cluster's job", () => {
  it("is created with its steps' params and its audit entry, and a second one at the same time is refused", async () => {
    const cluster = await db.cluster.create({ data: { name: `jobs-${Date.now()}`, brokerClusterName: "C", rocketmqVersion: "4.9.7" } });
    const revision = await db.clusterRevision.create({ data: { clusterId: cluster.id, number: 1, spec: {}, files: [], lint: {} } });
    const create = async () =>
      createClusterJob(await theActor(), {
        cluster,
        revision,
        kind: "cluster-test",
        title: "Cluster test",
        params: { revisionNumber: 1 },
        steps: [{ key: "one", stage: 0, action: "one", title: "Step one", params: { process: "h1/namesrv-9876" } }],
        audit: { action: "cluster.test", after: { revision: 1 } },
      });
    const results = await Promise.allSettled([create(), create()]);
    const created = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(created).toHaveLength(1);
    expect(refused.map((r) => (r.reason as AppError).code)).toEqual(["job_active"]);
    const { jobId } = (created[0] as PromiseFulfilledResult<{ jobId: string }>).value;
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: true } });
    expect([job.clusterId, job.revisionId, job.params]).toEqual([cluster.id, revision.id, { revisionNumber: 1 }]);
    expect(job.steps.map((s) => s.params)).toEqual([{ process: "h1/namesrv-9876" }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "cluster.test", targetId: cluster.id } });
    expect(audit.after).toEqual({ revision: 1, jobId });
  });
});
