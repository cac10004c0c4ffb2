import "server-only";
import { type Actor, recordAudit } from "../audit";
import { db } from "../db";
import { toJson } from "../db/json";
import { AppError, conflict } from "../errors";
import { message } from "../i18n/message";
import { createRocketmqClient } from "../rocketmq";
import { discoverCluster } from "./discovery";
import type { AttachClusterInput } from "./schema";

/**
 * Attaches a running cluster by its NameServers: discovers its groups and nodes, then records the cluster, where
 * to watch it and what was found, in one transaction with its audit entry. A worker starts polling it within
 * seconds (run-pollers).
 */
export async function attachCluster(actor: Actor, input: AttachClusterInput) {
  if (await db.cluster.findUnique({ where: { name: input.name }, select: { id: true } }))
    throw conflict(message("errors.clusters.nameTaken", { name: input.name }));
  const [hosts, datacenter] = await Promise.all([
    db.host.findMany({ select: { address: true, datacenter: { select: { code: true } } } }),
    input.datacenterId ? db.datacenter.findUnique({ where: { id: input.datacenterId }, select: { code: true } }) : null,
  ]);
  if (input.datacenterId && !datacenter)
    throw new AppError(message("errors.topology.datacenterGone"), 400, "invalid_input", {
      datacenterId: [message("errors.topology.pickDatacenter")],
    });
  const inventory = new Map(hosts.map((h) => [h.address, h.datacenter.code]));
  const rocketmq = createRocketmqClient({ timeoutMs: 3_000 });
  const discovery = await discoverCluster(rocketmq, input, (host) => inventory.get(host) ?? datacenter?.code ?? null).finally(() =>
    rocketmq.close(),
  );
  if (!discovery.version) throw new AppError(message("errors.topology.noVersion"), 422, "no_version");

  return db.$transaction(async (tx) => {
    if (await tx.cluster.findUnique({ where: { name: input.name }, select: { id: true } }))
      throw conflict(message("errors.clusters.nameTaken", { name: input.name }));
    const cluster = await tx.cluster.create({
      data: { name: input.name, brokerClusterName: discovery.brokerClusterName, rocketmqVersion: discovery.version! },
    });
    await tx.attachedCluster.create({
      data: { clusterId: cluster.id, nameServers: input.nameServers, datacenterId: input.datacenterId ?? null },
    });
    await tx.topologyState.create({ data: { clusterId: cluster.id, layout: toJson(discovery.layout) } });
    const summary = {
      nameServers: input.nameServers,
      brokerClusterName: discovery.brokerClusterName,
      version: discovery.version,
      groups: discovery.layout.groups.map((g) => ({ brokerName: g.brokerName, nodes: g.nodes.map((n) => n.selfId) })),
    };
    await recordAudit(tx, actor, {
      action: "cluster.attach",
      targetType: "cluster",
      targetId: cluster.id,
      targetName: cluster.name,
      after: summary,
    });
    return { id: cluster.id, name: cluster.name, ...summary };
  });
}
