import "server-only";
import { z } from "zod";
import { db } from "../../db";
import { toJson } from "../../db/json";
import type { MessageKey } from "../../i18n/message";
import type { ClusterDrift, DriftItem, DriftKind } from "./schema";

// One row per cluster: the last check replaces the one before. Its items are parsed when read, never cast.

const DRIFT_KINDS = [
  "conf-edited",
  "conf-missing",
  "stopped",
  "other-launch",
  "unknown-process",
  "host-unreachable",
] as const satisfies readonly DriftKind[];

// Drift writes its own messages with plain values (paths, pids, checksums, seconds), and why a host could not be
// read, which may be the panel's own message (no credential, no pinned key).
const messageKey = z.custom<MessageKey>((key) => typeof key === "string");
const plain = z.union([z.string(), z.number()]);
const reasonSchema = z.object({ key: messageKey, values: z.record(z.string(), plain).optional() });
const detailSchema = z.object({
  key: z.custom<MessageKey>((key) => typeof key === "string" && key.startsWith("drift.")),
  values: z.record(z.string(), z.union([plain, reasonSchema])).optional(),
});

const itemsSchema = z.array(
  z.object({
    kind: z.enum(DRIFT_KINDS),
    hostId: z.string(),
    hostName: z.string(),
    process: z.string().nullable(),
    label: z.string(),
    detail: detailSchema,
  }) satisfies z.ZodType<DriftItem>,
);

export async function storeDrift(clusterId: string, drift: ClusterDrift): Promise<void> {
  const row = {
    checkedAt: new Date(drift.checkedAt),
    revision: drift.revision,
    inSync: drift.inSync,
    hostsChecked: drift.hostsChecked,
    items: toJson(drift.items),
  };
  await db.clusterDrift.upsert({ where: { clusterId }, create: { clusterId, ...row }, update: row });
}

export async function loadDrift(clusterId: string): Promise<ClusterDrift | null> {
  const row = await db.clusterDrift.findUnique({ where: { clusterId } });
  if (!row) return null;
  const items = itemsSchema.safeParse(row.items);
  if (!items.success) throw new Error(`The drift check of cluster ${clusterId} does not parse: ${z.prettifyError(items.error)}`);
  return {
    checkedAt: row.checkedAt.toISOString(),
    revision: row.revision,
    inSync: row.inSync,
    hostsChecked: row.hostsChecked,
    items: items.data,
  };
}
