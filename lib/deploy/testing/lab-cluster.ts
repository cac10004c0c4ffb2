import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type { LabHost } from "../../../e2e/lab/hosts";
import { saveDraft, saveRevision } from "../../clusters";
import { db } from "../../db";
import { clusterDraftSchema, type ClusterDraft } from "../../dledger";
import { encryptSecret } from "../../secrets";

// Test fixtures: inventory rows for lab hosts and a small cluster on them, made straight in the database.

export interface LabInventory {
  actor: { id: string; username: string };
  hostIds: Map<string, string>;
}

/** An admin, a datacenter, the lab's client key as credential, and the given lab hosts with their keys pinned. */
export async function labInventory(hosts: LabHost[]): Promise<LabInventory> {
  const tag = randomUUID().slice(0, 8);
  const actor = await db.user.create({ data: { username: `deployer-${tag}`, passwordHash: "x", role: "admin" }, select: { id: true, username: true } });
  const datacenter = await db.datacenter.create({ data: { name: `Lab ${tag}`, code: `lab-${tag}` } });
  const privateKey = readFileSync(hosts[0].privateKeyPath, "utf8");
  const credential = await db.credential.create({
    data: { name: `lab-key-${tag}`, kind: "ssh_key", secretCiphertext: encryptSecret(JSON.stringify({ kind: "ssh_key", privateKey })) },
  });
  const hostIds = new Map<string, string>();
  for (const host of hosts) {
    const existing = await db.host.findUnique({ where: { address_sshPort: { address: host.address, sshPort: host.sshPort } } });
    const data = { datacenterId: datacenter.id, credentialId: credential.id, hostKeyFingerprint: host.hostKeyFingerprint, hostKeyTrustedAt: new Date(), sshUser: host.user };
    const row = existing
      ? await db.host.update({ where: { id: existing.id }, data })
      : await db.host.create({ data: { ...data, name: `${host.name}-${tag}`, address: host.address, sshPort: host.sshPort } });
    hostIds.set(host.name, row.id);
  }
  return { actor, hostIds };
}

export interface SmallCluster {
  clusterId: string;
  revision: number;
}

/**
 * One NameServer on the first host and one 3-node DLedger group spread over the given hosts, tiny heaps and
 * 64 MiB commit-log files so it fits a 2-core machine next to everything else.
 */
export async function smallCluster(inventory: LabInventory, options: { name: string; nameServerHost: LabHost; groupHosts: LabHost[]; installDir: string }): Promise<SmallCluster> {
  const { actor, hostIds } = inventory;
  const hostSnapshots = await db.host.findMany({ where: { id: { in: [...hostIds.values()] } }, include: { datacenter: true } });
  const snapshots = hostSnapshots.map((h) => ({ id: h.id, name: h.name, address: h.address, datacenterId: h.datacenterId, datacenterCode: h.datacenter.code }));
  const dc = snapshots[0];
  const cluster = await db.cluster.create({ data: { name: options.name, brokerClusterName: `${options.name}Cluster`, rocketmqVersion: "4.9.3" } });
  const draft: ClusterDraft = clusterDraftSchema.parse({
    cluster: {
      name: options.name,
      brokerClusterName: `${options.name}Cluster`,
      rocketmqVersion: "4.9.3",
      installDir: options.installDir,
      defaults: { heapMb: 256, listenPortBase: 30911, dLegerPortBase: 40911 },
    },
    hosts: snapshots,
    nameServers: [{ hostId: hostIds.get(options.nameServerHost.name)!, address: options.nameServerHost.address, port: 9876 }],
    groups: [
      {
        brokerName: "g1",
        dLegerGroup: "g1",
        datacenterId: dc.datacenterId,
        datacenterCode: dc.datacenterCode,
        nodes: options.groupHosts.map((host, i) => ({
          selfId: `n${i}`,
          hostId: hostIds.get(host.name)!,
          hostAddress: host.address,
          heapMb: 256,
          extraProperties: SMALL_STORE,
        })),
      },
    ],
  });
  await saveDraft(cluster.id, { draft, step: 5 });
  const revision = await saveRevision(actor, cluster.id, { note: "test", markDesired: true });
  return { clusterId: cluster.id, revision: revision.number };
}

/** 64 MiB DLedger data files and small consume queues: a lab broker's disk and page cache stay small. */
export const SMALL_STORE = { mappedFileSizeCommitLog: String(64 * 1024 * 1024), mappedFileSizeConsumeQueue: String(1000 * 20) };
