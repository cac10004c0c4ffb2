import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { toJson } from "../db/json";
import { renderAllFiles } from "../design";
import { runbookSpec } from "../design/fixtures/specs";
import { markRevisionDeployed } from "../nodes/mark-deployed";
import { useFreshDatabase } from "../testing/fresh-database";
import { rollbackTarget } from "./rollback";

// The revision "Roll back" returns to, read from what deploys and applies write when they succeed.

let userId: string;
// Revisions are parsed when marked deployed: each a real one (the runbook's cluster on 4.9.3, then 4.9.7).
const SPECS = [runbookSpec("4.9.3"), runbookSpec("4.9.7")];
const lint = { findings: [], counts: { error: 0, warning: 0, info: 0 } };

async function clusterWithRevisions(name: string, count: number) {
  const cluster = await db.cluster.create({ data: { name, brokerClusterName: "RaftCluster", rocketmqVersion: "4.9.3" } });
  for (let number = 1; number <= count; number++) {
    const spec = SPECS[(number - 1) % SPECS.length];
    await db.clusterRevision.create({
      data: { clusterId: cluster.id, number, spec: toJson(spec), files: toJson(renderAllFiles(spec)), lint: toJson(lint) },
    });
  }
  return cluster.id;
}

/** What a succeeded deploy or apply of revision `number` records. */
async function deployed(clusterId: string, number: number) {
  const revision = await db.clusterRevision.findUniqueOrThrow({ where: { clusterId_number: { clusterId, number } } });
  const job = await db.job.create({
    data: { kind: "apply", title: `Apply #${number}`, clusterId, revisionId: revision.id, createdById: userId },
  });
  await db.$transaction((tx) => markRevisionDeployed(tx, job, number, "reconcile"));
}

describe("the roll back target", () => {
  beforeAll(async () => {
    await useFreshDatabase("rmq_rollback");
    userId = (await db.user.create({ data: { username: "operator", passwordHash: "x", role: "operator" } })).id;
  });

  it("is nothing before the first deploy, and nothing after only one revision ran", async () => {
    const clusterId = await clusterWithRevisions("Fresh", 2);
    expect(await rollbackTarget(clusterId)).toBeNull();
    await deployed(clusterId, 1);
    expect(await rollbackTarget(clusterId)).toBeNull();
  });

  it("is the revision deployed before the current one, however often the current one was re-applied", async () => {
    const clusterId = await clusterWithRevisions("Upgraded", 3);
    const other = await clusterWithRevisions("Other", 3);
    await deployed(clusterId, 1);
    await deployed(clusterId, 2);
    await deployed(other, 3);
    expect(await rollbackTarget(clusterId)).toBe(1);
    await deployed(clusterId, 3);
    await deployed(clusterId, 3);
    expect(await rollbackTarget(clusterId)).toBe(2);
  });

  it("after a roll back, is the revision rolled back from", async () => {
    const clusterId = await clusterWithRevisions("Rolled back", 2);
    await deployed(clusterId, 1);
    await deployed(clusterId, 2);
    await deployed(clusterId, 1);
    expect(await rollbackTarget(clusterId)).toBe(2);
  });
});
