import "server-only";
import { recordAudit, type Actor } from "../audit";
import { db } from "../db";
import { conflict, notFound } from "../errors";
import { message } from "../i18n/message";
import type { DatacenterInput } from "./schema";

export async function listDatacenters() {
  return db.datacenter.findMany({ orderBy: { code: "asc" }, include: { _count: { select: { hosts: true } } } });
}

export async function createDatacenter(actor: Actor, input: DatacenterInput) {
  return db.$transaction(async (tx) => {
    if (await tx.datacenter.findUnique({ where: { code: input.code } }))
      throw conflict(message("errors.inventory.datacenterCodeTaken", { code: input.code }));
    const datacenter = await tx.datacenter.create({ data: input });
    await recordAudit(tx, actor, {
      action: "datacenter.create",
      targetType: "datacenter",
      targetId: datacenter.id,
      targetName: datacenter.code,
      after: input,
    });
    return datacenter;
  });
}

export async function updateDatacenter(actor: Actor, id: string, input: DatacenterInput) {
  return db.$transaction(async (tx) => {
    const before = await tx.datacenter.findUnique({ where: { id } });
    if (!before) throw notFound("datacenter");
    const clash = await tx.datacenter.findUnique({ where: { code: input.code } });
    if (clash && clash.id !== id) throw conflict(message("errors.inventory.datacenterCodeTaken", { code: input.code }));
    const datacenter = await tx.datacenter.update({ where: { id }, data: input });
    await recordAudit(tx, actor, {
      action: "datacenter.update",
      targetType: "datacenter",
      targetId: id,
      targetName: datacenter.code,
      before: { name: before.name, code: before.code, description: before.description },
      after: input,
    });
    return datacenter;
  });
}

export async function deleteDatacenter(actor: Actor, id: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.datacenter.findUnique({
      where: { id },
      include: { _count: { select: { hosts: true } }, groups: { select: { cluster: { select: { name: true } } } } },
    });
    if (!before) throw notFound("datacenter");
    if (before._count.hosts > 0)
      throw conflict(message("errors.inventory.datacenterHasHosts", { code: before.code, count: before._count.hosts }));
    // A host can move to another datacenter while the groups placed on it keep this one.
    const clusters = [...new Set(before.groups.map((group) => `"${group.cluster.name}"`))];
    if (clusters.length > 0)
      throw conflict(message("errors.inventory.datacenterHoldsGroups", { code: before.code, clusters: clusters.join(", ") }));
    await tx.datacenter.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "datacenter.delete",
      targetType: "datacenter",
      targetId: id,
      targetName: before.code,
      before: { name: before.name, code: before.code },
    });
  });
}
