import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeGroupDraft } from "../design";
import { AppError } from "../errors";
import { useFreshDatabase } from "../testing/fresh-database";
import { createCluster, loadDraft, saveDraft } from "./clusters";
import { getRevision, saveRevision } from "./revisions";
import { createUpgradeRevision, upgradeClusterSchema } from "./upgrade";

// "Upgrade to 4.9.7" on the seed's 4.9.3 cluster, against a fresh database; a deploy is recorded the way a finished
// deploy job records it (the cluster's deployed revision), since no JVM is needed to make the revision.

let actor: { id: string; username: string };
let clusterId: string;
const GIB = 1024 ** 3;

async function seedInventory() {
  const user = await db.user.create({ data: { username: "upgrader", passwordHash: "x", role: "operator" } });
  actor = { id: user.id, username: user.username };
  for (const [code, base] of [
    ["suzhou", 21],
    ["shanghai", 24],
  ] as const) {
    const dc = await db.datacenter.create({ data: { name: code, code } });
    for (let i = 0; i < 3; i++) {
      const host = await db.host.create({ data: { name: `${code}-${i + 1}`, address: `10.78.0.${base + i}`, datacenterId: dc.id } });
      // Two CPUs, as the lab's hosts: one broker gets 2 send threads, two brokers 1 each (the issue's 2 → 1).
      const facts = {
        os: { id: "debian", versionId: "12", prettyName: "Debian 12" },
        kernel: "6.1",
        cpuCount: 2,
        memoryBytes: 8 * GIB,
        diskPath: "/opt/rocketmq",
        diskFreeBytes: 100 * GIB,
        java: null,
        listeningTcpPorts: [22],
        gatheredAt: new Date().toISOString(),
      };
      await db.hostFacts.create({ data: { hostId: host.id, facts } });
    }
  }
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: error.status, code: error.code, message: error.message };
}

const deploy = async (number: number) => {
  const revision = await getRevision(clusterId, number);
  await db.cluster.update({ where: { id: clusterId }, data: { deployedRevisionId: revision.id } });
};

describe("creating the upgrade revision", () => {
  beforeAll(async () => {
    await useFreshDatabase("rmq_upgrade");
    await seedInventory();
    clusterId = (await createCluster(actor, { name: "Seed", brokerClusterName: "RaftCluster", rocketmqVersion: "4.9.3" })).id;
    const { draft } = await loadDraft(clusterId);
    const dcs = [...new Map(draft.hosts.map((h) => [h.datacenterId, h.datacenterCode])).entries()];
    const nameServers = dcs
      .map(([id]) => draft.hosts.find((h) => h.datacenterId === id)!)
      .map((h) => ({ hostId: h.id, address: h.address, port: 9876 }));
    const groups = dcs.map(([id, code]) => makeGroupDraft({ brokerName: `${code}@broker`, datacenterId: id, datacenterCode: code }));
    await saveDraft(clusterId, { draft: { ...draft, nameServers, groups }, step: 5 });
    await saveRevision(actor, clusterId, { note: "seed", markDesired: true });
  });

  it("refuses a cluster that was never deployed (422)", async () => {
    expect(await refusal(createUpgradeRevision(actor, clusterId, "4.9.7"))).toMatchObject({ status: 422, code: "not_deployed" });
    expect(await db.clusterRevision.count({ where: { clusterId } })).toBe(1);
  });

  it("gives the wizard a deployed cluster's draft with the running nodes' values, so a new group re-sizes none of them", async () => {
    await deploy(1);
    const { draft } = await loadDraft(clusterId);
    expect(draft.groups.flatMap((g) => g.nodes.map((n) => [n.deployed, n.sendMessageThreadPoolNums, n.listenPort]))).toEqual(
      Array.from({ length: 6 }, () => [true, 2, 30911]),
    );
    const suzhou = draft.groups[0];
    const grown = {
      ...draft,
      groups: [
        ...draft.groups,
        makeGroupDraft({ brokerName: "suzhou@broker-2", datacenterId: suzhou.datacenterId, datacenterCode: "suzhou" }),
      ],
    };
    await saveDraft(clusterId, { draft: grown, step: 5 });
    const saved = await saveRevision(actor, clusterId, { note: "second suzhou group", markDesired: false });
    const [before, after] = await Promise.all([getRevision(clusterId, 1), getRevision(clusterId, saved.number)]);
    for (const file of before.files) expect(after.files.find((f) => f.path === file.path)?.content).toBe(file.content);
    const added = after.spec.groups.find((g) => g.brokerName === "suzhou@broker-2");
    expect(added?.nodes.map((n) => [n.sendMessageThreadPoolNums, n.listenPort, n.dLegerPort])).toEqual(
      Array.from({ length: 3 }, () => [1, 30921, 40912]),
    );
    // Back to the deployed design, for what follows.
    await saveDraft(clusterId, { draft, step: 5 });
  });

  it("saves the deployed design on 4.9.7 as the next desired revision, its files changed only in the release line", async () => {
    const result = await createUpgradeRevision(actor, clusterId, "4.9.7");
    expect(result).toEqual({ revision: 3, draft: "upgraded" });
    const [deployed, upgrade] = await Promise.all([getRevision(clusterId, 1), getRevision(clusterId, 3)]);
    expect(upgrade.spec).toEqual({ ...deployed.spec, cluster: { ...deployed.spec.cluster, rocketmqVersion: "4.9.7" } });
    for (const [i, file] of deployed.files.entries()) {
      const was = file.content.split("\n");
      const now = upgrade.files[i].content.split("\n");
      expect(was.flatMap((line, n) => (line === now[n] ? [] : [[line, now[n]]]))).toEqual([
        [expect.stringContaining("RocketMQ 4.9.3."), expect.stringContaining("RocketMQ 4.9.7.")],
      ]);
    }
    expect(deployed.lint.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(["rocketmq-dledger-idle-spin", "rocketmq-version-cve"]),
    );
    expect(upgrade.lint.findings.filter((f) => f.ruleId.startsWith("rocketmq-"))).toEqual([]);

    const cluster = await db.cluster.findUniqueOrThrow({ where: { id: clusterId }, include: { desiredRevision: true } });
    expect(cluster.desiredRevision?.number).toBe(3);
    // The cluster names the release that runs until the upgrade is applied; the wizard's draft follows the design.
    expect(cluster.rocketmqVersion).toBe("4.9.3");
    expect((await loadDraft(clusterId)).draft.cluster.rocketmqVersion).toBe("4.9.7");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "cluster.revision.save", targetId: clusterId },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.after).toMatchObject({ revision: 3, upgrade: { from: "4.9.3", to: "4.9.7", fromRevision: 1 } });
  });

  it("opens the upgrade revision saved before on a second click, and leaves a draft with edits of its own as it is", async () => {
    const { draft } = await loadDraft(clusterId);
    const edited = { ...draft, cluster: { ...draft.cluster, rocketmqVersion: "4.9.3" } };
    edited.groups[0].nodes[0] = { ...edited.groups[0].nodes[0], heapMb: 1024 };
    await saveDraft(clusterId, { draft: edited, step: 4 });
    expect(await createUpgradeRevision(actor, clusterId, "4.9.7", "off the CVEs")).toEqual({ revision: 3, draft: "kept" });
    expect(await db.clusterRevision.count({ where: { clusterId } })).toBe(3);
    const kept = await loadDraft(clusterId);
    expect([kept.step, kept.draft.cluster.rocketmqVersion, kept.draft.groups[0].nodes[0].heapMb]).toEqual([4, "4.9.3", 1024]);
    const upgrade = await getRevision(clusterId, 3);
    expect([upgrade.spec.groups[0].nodes[0].heapMb, upgrade.spec.cluster.rocketmqVersion]).toEqual([2048, "4.9.7"]);
  });

  it("refuses the running release (409), another release line (422) and an older release (422)", async () => {
    expect(await refusal(createUpgradeRevision(actor, clusterId, "4.9.3"))).toMatchObject({
      status: 409,
      message: "Cluster Seed already runs RocketMQ 4.9.3.",
    });
    const across = await refusal(createUpgradeRevision(actor, clusterId, "5.5.0"));
    expect(across).toMatchObject({ status: 422, code: "across_release_lines" });
    expect(across.message).toContain("stays within one release line (4.x or 5.x)");
    await deploy(3);
    expect(await refusal(createUpgradeRevision(actor, clusterId, "4.9.3"))).toMatchObject({ status: 422, code: "older_release" });
    expect(await db.clusterRevision.count({ where: { clusterId } })).toBe(3);
  });

  it("takes only a pinned release (the route answers 400 for anything else)", () => {
    expect(upgradeClusterSchema.safeParse({ version: "4.9.7" }).data).toEqual({ version: "4.9.7", note: "" });
    const refused = upgradeClusterSchema.safeParse({ version: "4.9.8" });
    expect(refused.error?.issues[0].message).toBe("Choose a RocketMQ version the panel installs: 4.9.3, 4.9.7, 5.5.0.");
  });
});
