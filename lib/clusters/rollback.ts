import "server-only";
import { z } from "zod";
import { db } from "../db";

// "Roll back" returns a cluster to the revision it ran before the current one. The audit trail knows it: every job
// that brings a cluster to a revision (a deploy, an apply) writes a `cluster.deployed` entry in the transaction that
// marks the revision deployed (lib/nodes/mark-deployed.ts).

const deployedEntry = z.object({ revision: z.number().int().positive() });

/**
 * The revision deployed before the current one, or null (nothing deployed yet, or only ever one revision). Entries of
 * the current revision are skipped, so re-applying it (to bring drifted nodes back) does not hide the one before;
 * after a roll back this is the revision rolled back from.
 */
export async function rollbackTarget(clusterId: string): Promise<number | null> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { deployedRevision: { select: { number: true } } } });
  const current = cluster?.deployedRevision?.number;
  if (current === undefined) return null;
  const entries = await db.auditEvent.findMany({
    where: { action: "cluster.deployed", targetType: "cluster", targetId: clusterId },
    orderBy: { createdAt: "desc" },
    select: { after: true },
  });
  for (const entry of entries) {
    const deployed = deployedEntry.safeParse(entry.after);
    if (deployed.success && deployed.data.revision !== current) return deployed.data.revision;
  }
  return null;
}
