import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { makeGroupDraft, type ClusterDraft } from "../design";
import { useFreshDatabase } from "../testing/fresh-database";
import { createCluster, loadDraft, saveDraft } from "./clusters";
import { compareRevisions, getRevision, listRevisions, markDesired, saveRevision } from "./revisions";

let actor: { id: string; username: string };
let clusterId: string;

async function seedInventory() {
  const user = await db.user.create({ data: { username: "designer", passwordHash: "x", role: "operator" } });
  actor = { id: user.id, username: user.username };
  for (const [code, base] of [
    ["suzhou", 11],
    ["shanghai", 14],
  ] as const) {
    const dc = await db.datacenter.create({ data: { name: code, code } });
    for (let i = 0; i < 3; i++) {
      await db.host.create({ data: { name: `${code}-${i + 1}`, address: `10.77.0.${base + i}`, datacenterId: dc.id } });
    }
  }
}

/** The runbook's topology: one NameServer and one 3-node group per center. */
function seedDesign(draft: ClusterDraft): ClusterDraft {
  const dcs = [...new Map(draft.hosts.map((h) => [h.datacenterId, h.datacenterCode])).entries()];
  return {
    ...draft,
    nameServers: dcs
      .map(([id]) => draft.hosts.find((h) => h.datacenterId === id)!)
      .map((h) => ({ hostId: h.id, address: h.address, port: 9876 })),
    groups: dcs.map(([id, code]) => makeGroupDraft({ brokerName: `${code}@broker`, datacenterId: id, datacenterCode: code })),
  };
}

describe("cluster revisions", () => {
  beforeAll(async () => {
    await useFreshDatabase("rmq_revisions");
    await seedInventory();
    clusterId = (await createCluster(actor, { name: "Seed", brokerClusterName: "RaftCluster", rocketmqVersion: "4.9.3" })).id;
  });

  it("saves a complete design as revision 1, marks it desired and mirrors its nodes", async () => {
    const { draft } = await loadDraft(clusterId);
    expect(draft.hosts).toHaveLength(6);
    await saveDraft(clusterId, { draft: seedDesign(draft), step: 5 });
    const saved = await saveRevision(actor, clusterId, { note: "seed", markDesired: true });
    expect(saved.number).toBe(1);
    const cluster = await db.cluster.findUniqueOrThrow({
      where: { id: clusterId },
      include: { groups: { include: { nodes: true } }, nameServers: true },
    });
    expect(cluster.desiredRevisionId).toBe(saved.id);
    expect(cluster.nameServers).toHaveLength(2);
    expect(cluster.groups.map((g) => [g.brokerName, g.nodes.length]).sort()).toEqual([
      ["shanghai@broker", 3],
      ["suzhou@broker", 3],
    ]);
    const revision = await getRevision(clusterId, 1);
    expect(revision.files.filter((f) => f.role === "broker")).toHaveLength(6);
  });

  it("numbers revisions in order and diffs them per file", async () => {
    const { draft } = await loadDraft(clusterId);
    draft.groups[0].nodes[0].heapMb = 1024;
    await saveDraft(clusterId, { draft, step: 5 });
    expect((await saveRevision(actor, clusterId, { note: "smaller heap", markDesired: false })).number).toBe(2);
    const diff = await compareRevisions(clusterId, 1, 2);
    const changed = diff.filter((d) => d.change === "changed");
    expect(changed.map((d) => d.path)).toEqual([expect.stringContaining("broker-n0.conf")]);
    expect((await listRevisions(clusterId)).map((r) => r.number)).toEqual([2, 1]);
    await markDesired(actor, clusterId, 2);
    const node = await db.brokerNode.findFirstOrThrow({ where: { selfId: "n0", group: { brokerName: draft.groups[0].brokerName } } });
    expect(node.heapMb).toBe(1024);
  });

  it("refuses to save a design with lint errors, and saves nothing", async () => {
    const { draft } = await loadDraft(clusterId);
    // The runbook's mistake: two nodes on one machine with the same listenPort (the draft leaves ports to the allocator).
    const [n0, n1] = draft.groups[0].nodes;
    const host = draft.hosts.find((h) => h.datacenterId === draft.groups[0].datacenterId)!;
    draft.groups[0].nodes[0] = { ...n0, hostId: host.id, hostAddress: host.address, listenPort: 30911 };
    draft.groups[0].nodes[1] = { ...n1, hostId: host.id, hostAddress: host.address, listenPort: 30911 };
    await saveDraft(clusterId, { draft, step: 5 });
    await expect(saveRevision(actor, clusterId, { note: "broken", markDesired: true })).rejects.toThrow(/lint error/);
    expect(await db.clusterRevision.count({ where: { clusterId } })).toBe(2);
  });

  it("never lets a saved revision change", async () => {
    await expect(db.$executeRaw`UPDATE "ClusterRevision" SET note = 'rewritten' WHERE "clusterId" = ${clusterId}`).rejects.toThrow(
      /immutable/,
    );
    expect((await getRevision(clusterId, 1)).note).toBe("seed");
  });
});
