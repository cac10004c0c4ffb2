import type { GroupHealth, NodeHealth, NodeRole, Reading } from "@/lib/topology/model";
import { readingStatus } from "@/lib/topology/model";
import { Badge } from "../ui/badge";

type Tone = "neutral" | "good" | "bad" | "warn" | "info";

export const HEALTH_TONE: Record<NodeHealth, Tone> = { up: "good", down: "bad", stale: "warn", unknown: "neutral" };
export const HEALTH_LABEL: Record<NodeHealth, string> = { up: "up", down: "unreachable", stale: "stale", unknown: "not polled yet" };
export const GROUP_TONE: Record<GroupHealth, Tone> = { ok: "good", degraded: "warn", no_leader: "bad", down: "bad", unknown: "neutral" };
export const GROUP_LABEL: Record<GroupHealth, string> = {
  ok: "healthy",
  degraded: "degraded",
  no_leader: "no leader",
  down: "down",
  unknown: "not polled yet",
};

export function HealthBadge({ health }: { health: NodeHealth }) {
  return <Badge tone={HEALTH_TONE[health]}>{HEALTH_LABEL[health]}</Badge>;
}

export function RoleBadge({ role, health }: { role: NodeRole; health: NodeHealth }) {
  if (health === "down") return <Badge tone="bad">down</Badge>;
  if (role === "leader") return <Badge tone="info">★ leader</Badge>;
  if (role === "follower") return <Badge>follower</Badge>;
  if (role === "candidate") return <Badge tone="warn">candidate</Badge>;
  return <Badge>unknown</Badge>;
}

export function formatAge(ms: number | null): string {
  if (ms === null) return "never";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

export const formatTps = (tps: number | null | undefined) => (tps == null ? "—" : tps >= 100 ? tps.toFixed(0) : tps.toFixed(1));
export const formatRatio = (ratio: number | null | undefined) => (ratio == null ? "—" : `${(ratio * 100).toFixed(1)} %`);

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A reading's age in words, marked when stale or failing; `now` is in the server's clock. */
export function ReadingAge({ reading, now, label }: { reading: Reading<unknown>; now: number; label?: string }) {
  const status = readingStatus(reading, now);
  const age = reading.observedAt === null ? null : now - reading.observedAt;
  const tone = status === "ok" ? "text-slate-500" : status === "unknown" ? "text-slate-400" : "text-amber-700";
  const title = reading.error ? `last attempt failed: ${reading.error}` : status === "stale" ? "no fresh answer" : undefined;
  return (
    <span className={`text-xs ${tone}`} title={title} data-status={status}>
      {label ? `${label} ` : ""}
      {age === null ? "never read" : `${formatAge(age)} ago`}
      {status === "stale" || status === "failing" ? " ⚠" : ""}
    </span>
  );
}
