import "server-only";
import { recordAudit, type Actor } from "../audit";
import { db } from "../db";
import { conflict, notFound } from "../errors";
import { message } from "../i18n/message";
import type { HostInput } from "./schema";

const LIST_INCLUDE = {
  datacenter: { select: { id: true, code: true, name: true } },
  credential: { select: { id: true, name: true, kind: true } },
  facts: { orderBy: { gatheredAt: "desc" }, take: 1 },
} as const;

export async function listHosts() {
  return db.host.findMany({ orderBy: { name: "asc" }, include: LIST_INCLUDE });
}

export async function getHost(id: string) {
  const host = await db.host.findUnique({ where: { id }, include: LIST_INCLUDE });
  if (!host) throw notFound("host");
  return host;
}

export type HostWithRelations = Awaited<ReturnType<typeof getHost>>;

async function assertReferencesExist(tx: Pick<typeof db, "datacenter" | "credential">, input: HostInput) {
  if (!(await tx.datacenter.findUnique({ where: { id: input.datacenterId } }))) throw notFound("chosenDatacenter");
  if (input.credentialId && !(await tx.credential.findUnique({ where: { id: input.credentialId }, select: { id: true } }))) {
    throw notFound("chosenCredential");
  }
}

function auditView(host: {
  name: string;
  address: string;
  sshPort: number;
  sshUser: string;
  datacenterId: string;
  credentialId: string | null;
  labels: string[];
  hostKeyFingerprint?: string | null;
}) {
  const { name, address, sshPort, sshUser, datacenterId, credentialId, labels, hostKeyFingerprint } = host;
  return { name, address, sshPort, sshUser, datacenterId, credentialId, labels, hostKeyFingerprint };
}

export async function createHost(actor: Actor, input: HostInput) {
  return db.$transaction(async (tx) => {
    await assertReferencesExist(tx, input);
    if (await tx.host.findUnique({ where: { name: input.name } }))
      throw conflict(message("errors.inventory.hostNameTaken", { name: input.name }));
    if (await tx.host.findUnique({ where: { address_sshPort: { address: input.address, sshPort: input.sshPort } } })) {
      throw conflict(message("errors.inventory.hostAddressTaken", { address: input.address, port: input.sshPort }));
    }
    const host = await tx.host.create({ data: input, include: LIST_INCLUDE });
    await recordAudit(tx, actor, {
      action: "host.create",
      targetType: "host",
      targetId: host.id,
      targetName: host.name,
      after: auditView(host),
    });
    return host;
  });
}

export async function updateHost(actor: Actor, id: string, input: HostInput) {
  return db.$transaction(async (tx) => {
    const before = await tx.host.findUnique({ where: { id } });
    if (!before) throw notFound("host");
    await assertReferencesExist(tx, input);
    const sameName = await tx.host.findUnique({ where: { name: input.name } });
    if (sameName && sameName.id !== id) throw conflict(message("errors.inventory.hostNameTaken", { name: input.name }));
    const sameAddress = await tx.host.findUnique({ where: { address_sshPort: { address: input.address, sshPort: input.sshPort } } });
    if (sameAddress && sameAddress.id !== id)
      throw conflict(message("errors.inventory.hostAddressTaken", { address: input.address, port: input.sshPort }));
    // A new address may be a different machine: its key must be trusted again.
    const moved = before.address !== input.address || before.sshPort !== input.sshPort;
    const host = await tx.host.update({
      where: { id },
      data: { ...input, ...(moved ? { hostKeyFingerprint: null, hostKeyTrustedAt: null } : {}) },
      include: LIST_INCLUDE,
    });
    await recordAudit(tx, actor, {
      action: "host.update",
      targetType: "host",
      targetId: id,
      targetName: host.name,
      before: auditView(before),
      after: auditView(host),
    });
    return host;
  });
}

export async function deleteHost(actor: Actor, id: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.host.findUnique({ where: { id } });
    if (!before) throw notFound("host");
    const clusters = await clustersUsingHost(tx, id);
    if (clusters.length > 0) {
      throw conflict(
        message("errors.inventory.hostInUse", { name: before.name, clusters: clusters.map((name) => `"${name}"`).join(", ") }),
      );
    }
    await tx.host.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "host.delete",
      targetType: "host",
      targetId: id,
      targetName: before.name,
      before: auditView(before),
    });
  });
}

/** Clusters whose desired revision places a NameServer or broker on the host (the rows that keep it from going). */
async function clustersUsingHost(tx: Pick<typeof db, "cluster">, hostId: string): Promise<string[]> {
  const clusters = await tx.cluster.findMany({
    where: { OR: [{ nameServers: { some: { hostId } } }, { groups: { some: { nodes: { some: { hostId } } } } }] },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return clusters.map((cluster) => cluster.name);
}
