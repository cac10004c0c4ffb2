import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { clearStopWaiting, readStopWaiting, stopWaiting } from "./stop-waiting";

// "Stop waiting" against the real database: which steps may be told, what is written, what is audited.

const UNKNOWN_ID = "6f1c2a9e-3b0d-4c8e-9f4a-2d7e5b1c0a93";
let operator: { id: string; username: string };

async function jobWith(state: "running" | "succeeded", step: { action: string; state: "running" | "pending"; progress: number | null }) {
  const job = await db.job.create({
    data: {
      kind: "apply",
      title: "Apply revision #3",
      state,
      steps: { create: [{ key: "decommission:A", stage: 0, position: 0, title: "Decommission A", ...step }] },
    },
    include: { steps: true },
  });
  return { jobId: job.id, stepId: job.steps[0].id };
}

const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: { status?: number }) => error.status ?? 500,
  );

beforeAll(async () => {
  operator = await db.user.create({
    data: { username: `stop-waiting-${Date.now()}`, passwordHash: "x", role: "operator" },
    select: { id: true, username: true },
  });
});

describe("stop waiting", () => {
  it("is recorded with who and when on a decommission in its drain wait, audited, and read back by the step", async () => {
    const { jobId, stepId } = await jobWith("running", { action: "decommission", state: "running", progress: 0.4 });
    expect(await readStopWaiting(stepId)).toBeNull();
    await stopWaiting(operator, jobId, "decommission:A");
    const told = await readStopWaiting(stepId);
    expect(told).toEqual({ at: expect.any(Date), by: operator.username });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "job.stopWaiting", targetId: jobId } });
    expect(audit).toMatchObject({ actorId: operator.id, targetType: "job", after: { step: "decommission:A", title: "Decommission A" } });
    // Once told, the step is no longer waiting for anyone.
    expect(await statusOf(stopWaiting(operator, jobId, "decommission:A"))).toBe(409);
    await clearStopWaiting(stepId);
    expect(await readStopWaiting(stepId)).toBeNull();
  });

  it("says 404 for an unknown job or step and 409 for a step that is not waiting for a drain", async () => {
    expect(await statusOf(stopWaiting(operator, UNKNOWN_ID, "decommission:A"))).toBe(404);
    const draining = await jobWith("running", { action: "decommission", state: "running", progress: 0.1 });
    expect(await statusOf(stopWaiting(operator, draining.jobId, "decommission:B"))).toBe(404);
    const cases = [
      { job: "running", step: { action: "decommission", state: "running", progress: null } }, // still wiping, no drain yet
      { job: "running", step: { action: "decommission", state: "running", progress: 1 } }, // drained, stopping the nodes
      { job: "running", step: { action: "decommission", state: "pending", progress: null } },
      { job: "running", step: { action: "start-group", state: "running", progress: 0.5 } },
      { job: "succeeded", step: { action: "decommission", state: "running", progress: 0.5 } },
    ] as const;
    for (const { job, step } of cases) {
      const { jobId } = await jobWith(job, step);
      expect([job, step, await statusOf(stopWaiting(operator, jobId, "decommission:A"))]).toEqual([job, step, 409]);
    }
    expect(await db.auditEvent.count({ where: { action: "job.stopWaiting", targetId: draining.jobId } })).toBe(0);
  });
});
