import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type { LabHost } from "../../testing/lab/hosts";
import { saveDraft, saveRevision } from "../../clusters";
import { db } from "../../db";
import { clusterDraftSchema, type ClusterDraft } from "../../design";
import { encryptSecret } from "../../secrets";
import type { RocketmqRelease } from "../../rocketmq/versions";

// Test fixtures: inventory rows for lab hosts and a small cluster on them, made straight in the database.

export interface LabInventory {
  actor: { id: string; username: string };
  hostIds: Map<string, string>;
}

/**
 * An admin, datacenters, the lab's client key as credential, and the given lab hosts with their keys pinned.
 * `datacenterOf` names each host's datacenter code (default: one datacenter for all).
 */
export async function labInventory(hosts: LabHost[], datacenterOf: (host: LabHost) => string = () => "lab"): Promise<LabInventory> {
  const tag = randomUUID().slice(0, 8);
  const actor = await db.user.create({
    data: { username: `deployer-${tag}`, passwordHash: "x", role: "admin" },
    select: { id: true, username: true },
  });
  const datacenters = new Map<string, string>();
  for (const code of new Set(hosts.map(datacenterOf))) {
    datacenters.set(code, (await db.datacenter.create({ data: { name: `${code} ${tag}`, code: `${code}-${tag}` } })).id);
  }
  const privateKey = readFileSync(hosts[0].privateKeyPath, "utf8");
  const credential = await db.credential.create({
    data: { name: `lab-key-${tag}`, kind: "ssh_key", secretCiphertext: encryptSecret(JSON.stringify({ kind: "ssh_key", privateKey })) },
  });
  const hostIds = new Map<string, string>();
  for (const host of hosts) {
    const existing = await db.host.findUnique({ where: { address_sshPort: { address: host.address, sshPort: host.sshPort } } });
    const data = {
      datacenterId: datacenters.get(datacenterOf(host))!,
      credentialId: credential.id,
      hostKeyFingerprint: host.hostKeyFingerprint,
      hostKeyTrustedAt: new Date(),
      sshUser: host.user,
    };
    const row = existing
      ? await db.host.update({ where: { id: existing.id }, data })
      : await db.host.create({ data: { ...data, name: `${host.name}-${tag}`, address: host.address, sshPort: host.sshPort } });
    hostIds.set(host.name, row.id);
  }
  return { actor, hostIds };
}

export interface LabCluster {
  clusterId: string;
  revision: number;
}

export interface LabClusterOptions {
  name: string;
  installDir: string;
  nameServerHosts: LabHost[];
  groups: { brokerName: string; hosts: LabHost[] }[];
  /** Default 4.9.3, the seed's release. */
  rocketmqVersion?: RocketmqRelease;
}

/** A cluster on lab hosts, saved as its desired revision: tiny heaps and 64 MiB commit-log files to fit 2 cores. */
export async function labCluster(inventory: LabInventory, options: LabClusterOptions): Promise<LabCluster> {
  const { actor, hostIds } = inventory;
  const rows = await db.host.findMany({ where: { id: { in: [...hostIds.values()] } }, include: { datacenter: true } });
  const byName = (host: LabHost) => rows.find((r) => r.id === hostIds.get(host.name))!;
  const brokerClusterName = `${options.name}Cluster`;
  const rocketmqVersion = options.rocketmqVersion ?? "4.9.3";
  const cluster = await db.cluster.create({ data: { name: options.name, brokerClusterName, rocketmqVersion } });
  const draft: ClusterDraft = clusterDraftSchema.parse({
    cluster: {
      name: options.name,
      brokerClusterName,
      rocketmqVersion,
      installDir: options.installDir,
      defaults: { heapMb: 256, listenPortBase: 30911, dLegerPortBase: 40911 },
    },
    hosts: rows.map((h) => ({
      id: h.id,
      name: h.name,
      address: h.address,
      datacenterId: h.datacenterId,
      datacenterCode: h.datacenter.code,
    })),
    nameServers: options.nameServerHosts.map((host) => ({ hostId: byName(host).id, address: host.address, port: 9876 })),
    groups: options.groups.map((group) => {
      const first = byName(group.hosts[0]);
      return {
        brokerName: group.brokerName,
        dLegerGroup: group.brokerName,
        datacenterId: first.datacenterId,
        datacenterCode: first.datacenter.code,
        nodes: group.hosts.map((host, i) => ({
          selfId: `n${i}`,
          hostId: byName(host).id,
          hostAddress: host.address,
          heapMb: 256,
          extraProperties: SMALL_STORE,
        })),
      };
    }),
  });
  await saveDraft(cluster.id, { draft, step: 5 });
  const revision = await saveRevision(actor, cluster.id, { note: "test", markDesired: true });
  return { clusterId: cluster.id, revision: revision.number };
}

/** 64 MiB DLedger data files and small consume queues: a lab broker's disk and page cache stay small. */
const SMALL_STORE = { mappedFileSizeCommitLog: String(64 * 1024 * 1024), mappedFileSizeConsumeQueue: String(1000 * 20) };
