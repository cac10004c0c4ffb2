import "server-only";
import { z } from "zod";
import type { Actor } from "../audit";
import { db } from "../db";
import { toJson } from "../db/json";
import { type ClusterDraft, compareVersions, isVersion5 } from "../design";
import { AppError, conflict } from "../errors";
import { message } from "../i18n/message";
import { says } from "../i18n/schema";
import { ROCKETMQ_VERSIONS, type RocketmqRelease } from "../rocketmq/versions";
import { getCluster, loadDraft } from "./clusters";
import { reviewDraft } from "./review";
import { saveDesign } from "./revisions";
import type { RenderedFile } from "../design";
import { loadRevision } from "./stored-revision";

export const upgradeClusterSchema = z.object({
  version: z.enum(ROCKETMQ_VERSIONS, says("validation.design.versionNotPinned", { versions: ROCKETMQ_VERSIONS.join(", ") })),
  note: z.string().trim().max(500, says("validation.clusters.noteTooLong")).default(""),
});

/** Why a running release cannot be rolled to `to`, or nothing: the same line (4.x or 5.x), and forward only. */
function refusal(cluster: string, from: string, to: RocketmqRelease): AppError | null {
  if (from === to) return conflict(message("clusterUpgrade.sameVersion", { cluster, version: to }));
  // No test here shows a DLedger store surviving 4.9 → 5.x, so the rolling upgrade stays on its line (issue 13).
  if (isVersion5(from) !== isVersion5(to))
    return new AppError(message("clusterUpgrade.acrossLines", { from, to }), 422, "across_release_lines");
  if (compareVersions(to, from) < 0) return new AppError(message("clusterUpgrade.older", { from, to }), 422, "older_release");
  return null;
}

const sameFiles = (a: RenderedFile[], b: RenderedFile[]) =>
  a.length === b.length && a.every((file, i) => file.path === b[i].path && file.content === b[i].content);

/**
 * "Upgrade to 4.9.7": the deployed revision's design with only the release changed, saved (rendered and linted as
 * any revision) as the next revision and marked desired, unless the desired revision is that design already; its
 * apply plan is the rolling upgrade. The wizard's draft
 * follows when it holds exactly the deployed design; a draft with edits of its own is left as it is.
 */
export async function createUpgradeRevision(actor: Actor, clusterId: string, version: RocketmqRelease, note = "") {
  const cluster = await getCluster(clusterId);
  if (!cluster.deployedRevision) throw new AppError(message("clusterUpgrade.notDeployed", { cluster: cluster.name }), 422, "not_deployed");
  const deployed = await loadRevision({ id: cluster.deployedRevision.id });
  const from = deployed.spec.cluster.rocketmqVersion;
  const refused = refusal(cluster.name, from, version);
  if (refused) throw refused;

  const design: ClusterDraft = { ...deployed.spec, cluster: { ...deployed.spec.cluster, rocketmqVersion: version } };
  const { draft } = await loadDraft(clusterId);
  const draftIsDeployed = sameFiles(reviewDraft(draft).files, deployed.files);
  // A second click (or a reload of the plan) opens the upgrade revision saved before instead of a copy of it.
  const desired =
    cluster.desiredRevision && cluster.desiredRevision.id !== deployed.id ? await loadRevision({ id: cluster.desiredRevision.id }) : null;
  const saved =
    desired && sameFiles(desired.files, reviewDraft(design).files)
      ? desired
      : await saveDesign(actor, clusterId, design, {
          note,
          markDesired: true,
          upgrade: { from, to: version, fromRevision: deployed.number },
        });
  if (draftIsDeployed) {
    // Only the draft: the cluster's own rocketmqVersion names the release that runs, until the upgrade is applied.
    await db.cluster.update({
      where: { id: clusterId },
      data: { draft: toJson({ ...draft, cluster: { ...draft.cluster, rocketmqVersion: version } }) },
    });
  }
  return { revision: saved.number, draft: draftIsDeployed ? ("upgraded" as const) : ("kept" as const) };
}
