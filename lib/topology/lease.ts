import "server-only";
import { db } from "../db";

/**
 * One poller per cluster across every worker: a lease row per cluster, claimed when free or expired and renewed by
 * its holder. Times are the database's, so workers on machines with skewed clocks still agree.
 */
export const LEASE_TTL_MS = 10_000;

/** Claims or renews; true while `owner` holds the lease. */
export async function claimLease(clusterId: string, owner: string, ttlMs = LEASE_TTL_MS): Promise<boolean> {
  const rows = await db.$queryRaw<{ clusterId: string }[]>`
    INSERT INTO "TopologyState" ("clusterId", "leaseOwner", "leaseExpiresAt")
    VALUES (${clusterId}, ${owner}, now() + ${ttlMs} * interval '1 millisecond')
    ON CONFLICT ("clusterId") DO UPDATE SET "leaseOwner" = EXCLUDED."leaseOwner", "leaseExpiresAt" = EXCLUDED."leaseExpiresAt"
    WHERE "TopologyState"."leaseOwner" = ${owner} OR "TopologyState"."leaseOwner" IS NULL OR "TopologyState"."leaseExpiresAt" < now()
    RETURNING "clusterId"`;
  return rows.length === 1;
}

/** Lets another worker take the cluster at once instead of after the lease expires. */
export async function releaseLease(clusterId: string, owner: string): Promise<void> {
  await db.topologyState.updateMany({ where: { clusterId, leaseOwner: owner }, data: { leaseOwner: null, leaseExpiresAt: null } });
}
