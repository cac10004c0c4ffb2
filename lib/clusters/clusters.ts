import "server-only";
import { recordAudit, type Actor } from "../audit";
import { db } from "../db";
import { toJson } from "../db/json";
import { clusterDraftSchema, importBrokerConfs, keepDeployedNodes, type ClusterDraft } from "../design";
import { conflict, notFound } from "../errors";
import { message } from "../i18n/message";
import { hostSnapshots } from "./hosts";
import { loadRevision } from "./stored-revision";
import type { CreateClusterInput, ImportClustersInput, SaveDraftInput } from "./schema";

export async function listClusters() {
  return db.cluster.findMany({
    orderBy: { name: "asc" },
    include: { desiredRevision: { select: { number: true, createdAt: true } }, _count: { select: { revisions: true, groups: true } } },
  });
}

export async function getCluster(id: string) {
  const cluster = await db.cluster.findUnique({
    where: { id },
    include: { desiredRevision: { select: { id: true, number: true } }, deployedRevision: { select: { id: true, number: true } } },
  });
  if (!cluster) throw notFound("cluster");
  return cluster;
}

/** A new cluster starts as a wizard draft seeded with the current inventory. */
export async function createCluster(actor: Actor, input: CreateClusterInput) {
  const draft: ClusterDraft = clusterDraftSchema.parse({
    cluster: { name: input.name, brokerClusterName: input.brokerClusterName, rocketmqVersion: input.rocketmqVersion },
    hosts: await hostSnapshots(),
    nameServers: [],
    groups: [],
  });
  return db.$transaction(async (tx) => {
    if (await tx.cluster.findUnique({ where: { name: input.name } }))
      throw conflict(message("errors.clusters.nameTaken", { name: input.name }));
    const cluster = await tx.cluster.create({ data: { ...input, draft: toJson(draft), draftStep: 1 } });
    await recordAudit(tx, actor, {
      action: "cluster.create",
      targetType: "cluster",
      targetId: cluster.id,
      targetName: cluster.name,
      after: input,
    });
    return cluster;
  });
}

/** Existing broker confs (e.g. the runbook's hand-written ones) become a new cluster's draft, nodes matched to inventory hosts. */
export async function createClusterFromImport(actor: Actor, input: ImportClustersInput) {
  const imported = importBrokerConfs(input.files, {
    rocketmqVersion: input.rocketmqVersion,
    clusterName: input.name,
    hosts: await hostSnapshots(),
  });
  const draft = { ...imported.draft, cluster: { ...imported.draft.cluster, name: input.name, rocketmqVersion: input.rocketmqVersion } };
  return db.$transaction(async (tx) => {
    if (await tx.cluster.findUnique({ where: { name: input.name } }))
      throw conflict(message("errors.clusters.nameTaken", { name: input.name }));
    const cluster = await tx.cluster.create({
      data: {
        name: input.name,
        brokerClusterName: draft.cluster.brokerClusterName,
        rocketmqVersion: input.rocketmqVersion,
        draft: toJson(draft),
        draftStep: 3,
      },
    });
    await recordAudit(tx, actor, {
      action: "cluster.import",
      targetType: "cluster",
      targetId: cluster.id,
      targetName: cluster.name,
      after: { files: input.files.map((f) => f.fileName), problems: imported.problems.length },
    });
    return cluster;
  });
}

/** Saves the wizard's work between steps; the host list is refreshed from the inventory each time. */
export async function saveDraft(id: string, input: SaveDraftInput) {
  const cluster = await getCluster(id);
  const draft = { ...input.draft, hosts: await hostSnapshots() };
  if (draft.cluster.name !== cluster.name) {
    const clash = await db.cluster.findUnique({ where: { name: draft.cluster.name } });
    if (clash && clash.id !== id) throw conflict(message("errors.clusters.nameTaken", { name: draft.cluster.name }));
  }
  return db.cluster.update({
    where: { id },
    data: {
      draft: toJson(draft),
      draftStep: input.step,
      name: draft.cluster.name,
      brokerClusterName: draft.cluster.brokerClusterName,
      rocketmqVersion: draft.cluster.rocketmqVersion,
    },
  });
}

/** The wizard's draft, with the nodes the deployed revision runs holding its values (keepDeployedNodes). */
export async function loadDraft(id: string): Promise<{ draft: ClusterDraft; step: number }> {
  const cluster = await getCluster(id);
  const parsed = clusterDraftSchema.safeParse(cluster.draft);
  const hosts = await hostSnapshots();
  const deployed = cluster.deployedRevision ? (await loadRevision({ id: cluster.deployedRevision.id })).spec : null;
  if (parsed.success) return { draft: keepDeployedNodes({ ...parsed.data, hosts }, deployed), step: cluster.draftStep };
  return {
    draft: clusterDraftSchema.parse({
      cluster: { name: cluster.name, brokerClusterName: cluster.brokerClusterName, rocketmqVersion: cluster.rocketmqVersion },
      hosts,
      nameServers: [],
      groups: [],
    }),
    step: 1,
  };
}
