import "server-only";
import { type Actor, recordAudit } from "../audit";
import { db } from "../db";

/**
 * The audit entry of a console write. The write happened on the brokers, outside any transaction of ours, so the
 * entry follows it; the target is the topic or group by name, and the cluster (its id, and its name in `after`).
 */
export async function auditConsole(
  actor: Actor,
  clusterId: string,
  entry: { action: string; targetType: "topic" | "consumerGroup"; targetName: string; before?: unknown; after?: Record<string, unknown> },
): Promise<void> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { name: true } });
  await recordAudit(db, actor, {
    action: entry.action,
    targetType: entry.targetType,
    targetId: clusterId,
    targetName: entry.targetName,
    before: entry.before,
    after: { cluster: cluster?.name ?? clusterId, ...entry.after },
  });
}
