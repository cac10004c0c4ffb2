import "server-only";
import type { Prisma } from "../db/generated/client";
import { toJson } from "../db/json";

export interface Actor {
  id: string;
  username: string;
  /** Set when the user acts through an API token: the record says which. */
  via?: { tokenId: string; tokenName: string } | null;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetName?: string | null;
  before?: unknown;
  after?: unknown;
}

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

/** Written in the same transaction as the change it describes, so there is never a change without its record. */
export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry) {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      actorName: actor?.username ?? "anonymous",
      tokenId: actor?.via?.tokenId ?? null,
      tokenName: actor?.via?.tokenName ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      targetName: entry.targetName ?? null,
      before: optionalJson(entry.before),
      after: optionalJson(entry.after),
    },
  });
}

// A missing before/after stays SQL NULL rather than JSON null.
const optionalJson = (value: unknown) => (value === undefined || value === null ? undefined : toJson(value));

export async function listAuditEvents(db: Pick<Prisma.TransactionClient, "auditEvent">, options: { take?: number; before?: Date } = {}) {
  return db.auditEvent.findMany({
    where: options.before ? { createdAt: { lt: options.before } } : undefined,
    orderBy: { createdAt: "desc" },
    take: Math.min(options.take ?? 200, 1000),
  });
}
