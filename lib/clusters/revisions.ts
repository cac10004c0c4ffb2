import "server-only";
import { recordAudit, type Actor } from "../audit";
import { db, type Prisma } from "../db";
import { toJson } from "../db/json";
import { type ClusterDraft, countBySeverity, diffFiles, type Finding, type SpecError } from "../design";
import { AppError, serverLanguage } from "../errors";
import type { Locale } from "../i18n/locales";
import { message, type MessageList, messageList } from "../i18n/message";
import { inLanguage } from "../i18n/schema";
import { translate } from "../i18n/translate";
import { loadDraft } from "./clusters";
import { reviewDraft } from "./review";
import { loadRevision, parseRevision } from "./stored-revision";

/** Findings as an error lists them (in English those saved before findings had their text), in the linter's order. */
export const findingList = (findings: Finding[]): MessageList =>
  messageList(
    "semicolon",
    findings.map((f) => f.text ?? f.message),
  );

interface SaveOptions {
  note: string;
  markDesired: boolean;
  /** The release change a revision made by "Upgrade to" is, for its audit entry. */
  upgrade?: { from: string; to: string; fromRevision: number };
}

/** Freezes the current draft as the next numbered revision. Refused while the linter reports errors. */
export async function saveRevision(actor: Actor, clusterId: string, options: Omit<SaveOptions, "upgrade">) {
  const { draft } = await loadDraft(clusterId);
  return saveDesign(actor, clusterId, draft, options);
}

/** Freezes a design (the draft, or another one such as an upgrade's) as the next numbered revision, as saveRevision. */
export async function saveDesign(actor: Actor, clusterId: string, draft: ClusterDraft, options: SaveOptions) {
  const review = reviewDraft(draft);
  if (!review.spec) {
    // The design's messages are written while it is checked: another language checks it again.
    const incomplete = (locale: Locale) => {
      const { specErrors } = locale === "en" ? review : inLanguage(serverLanguage(locale), () => reviewDraft(draft));
      const problem = (e: SpecError) =>
        message("errors.clusters.problem", { path: e.path || message("errors.clusters.wholeCluster"), problem: e.message });
      return translate(message("errors.clusters.incomplete", { problems: messageList("semicolon", specErrors.map(problem)) }), locale);
    };
    throw new AppError(incomplete, 422, "incomplete_spec");
  }
  const errors = review.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    const findings = findingList(errors);
    throw new AppError(message("errors.clusters.lintErrors", { count: errors.length, findings }), 422, "lint_errors");
  }
  const spec = review.spec;
  return db.$transaction(async (tx) => {
    // Serialises concurrent saves of one cluster so revision numbers never collide.
    await tx.$executeRaw`SELECT 1 FROM "Cluster" WHERE id = ${clusterId} FOR UPDATE`;
    const last = await tx.clusterRevision.findFirst({ where: { clusterId }, orderBy: { number: "desc" }, select: { number: true } });
    const revision = await tx.clusterRevision.create({
      data: {
        clusterId,
        number: (last?.number ?? 0) + 1,
        spec: toJson(spec),
        files: toJson(review.files),
        lint: toJson({ findings: review.findings, counts: countBySeverity(review.findings) }),
        note: options.note,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, actor, {
      action: "cluster.revision.save",
      targetType: "cluster",
      targetId: clusterId,
      targetName: spec.cluster.name,
      after: {
        revision: revision.number,
        note: options.note,
        warnings: countBySeverity(review.findings).warning,
        ...(options.upgrade && { upgrade: options.upgrade }),
      },
    });
    if (options.markDesired) await markDesiredInTx(tx, actor, clusterId, revision.id);
    return { id: revision.id, number: revision.number };
  });
}

export async function listRevisions(clusterId: string) {
  return db.clusterRevision.findMany({
    where: { clusterId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, note: true, createdAt: true, lint: true, createdBy: { select: { username: true } } },
  });
}

export async function getRevision(clusterId: string, number: number) {
  return loadRevision({ clusterId, number });
}

/** Per-file line diff between two revisions (or from nothing, for the first). */
export async function compareRevisions(clusterId: string, from: number | null, to: number) {
  const [older, newer] = await Promise.all([from === null ? null : getRevision(clusterId, from), getRevision(clusterId, to)]);
  return diffFiles(older?.files ?? [], newer.files);
}

export async function markDesired(actor: Actor, clusterId: string, number: number) {
  const revision = await getRevision(clusterId, number);
  await db.$transaction((tx) => markDesiredInTx(tx, actor, clusterId, revision.id));
}

/** Points the cluster at a revision and mirrors that revision's nodes into the NameServer/group/node tables. */
async function markDesiredInTx(tx: Prisma.TransactionClient, actor: Actor, clusterId: string, revisionId: string) {
  const revision = parseRevision(await tx.clusterRevision.findUniqueOrThrow({ where: { id: revisionId } }));
  const spec = revision.spec;
  const before = await tx.cluster.findUniqueOrThrow({
    where: { id: clusterId },
    include: { desiredRevision: { select: { number: true } } },
  });
  await tx.cluster.update({ where: { id: clusterId }, data: { desiredRevisionId: revisionId } });
  await tx.nameServerNode.deleteMany({ where: { clusterId } });
  await tx.brokerGroup.deleteMany({ where: { clusterId } });
  await tx.nameServerNode.createMany({ data: spec.nameServers.map((ns) => ({ clusterId, hostId: ns.hostId, port: ns.port })) });
  for (const group of spec.groups) {
    await tx.brokerGroup.create({
      data: {
        clusterId,
        brokerName: group.brokerName,
        datacenterId: group.datacenterId,
        nodes: {
          create: group.nodes.map((node) => ({
            selfId: node.selfId,
            hostId: node.hostId,
            listenPort: node.listenPort,
            dLegerPort: node.dLegerPort,
            storePathRootDir: node.storePathRootDir,
            storePathCommitLog: node.storePathCommitLog,
            heapMb: node.heapMb,
            extraProperties: toJson(node.extraProperties),
          })),
        },
      },
    });
  }
  await recordAudit(tx, actor, {
    action: "cluster.revision.mark_desired",
    targetType: "cluster",
    targetId: clusterId,
    targetName: spec.cluster.name,
    before: { desiredRevision: before.desiredRevision?.number ?? null },
    after: { desiredRevision: revision.number },
  });
}
