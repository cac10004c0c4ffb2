import { useFormatter, useTranslations } from "next-intl";
import type { GroupHealth, NodeHealth, NodeRole, Reading } from "@/lib/topology/model";
import { readingStatus } from "@/lib/topology/model";
import { Badge } from "../ui/badge";

type Tone = "neutral" | "good" | "bad" | "warn" | "info";

export const HEALTH_TONE: Record<NodeHealth, Tone> = { up: "good", down: "bad", stale: "warn", unknown: "neutral" };
export const GROUP_TONE: Record<GroupHealth, Tone> = { ok: "good", degraded: "warn", no_leader: "bad", down: "bad", unknown: "neutral" };
// Catalog keys are camelCase; the snapshot's values are not.
export const GROUP_LABEL = { ok: "ok", degraded: "degraded", no_leader: "noLeader", down: "down", unknown: "unknown" } as const;

export function HealthBadge({ health }: { health: NodeHealth }) {
  const t = useTranslations("topology.health");
  return <Badge tone={HEALTH_TONE[health]}>{t(health)}</Badge>;
}

export function RoleBadge({ role, health }: { role: NodeRole; health: NodeHealth }) {
  const t = useTranslations("topology.role");
  if (health === "down") return <Badge tone="bad">{t("down")}</Badge>;
  if (role === "leader") return <Badge tone="info">★ {t("leader")}</Badge>;
  if (role === "follower") return <Badge>{t("follower")}</Badge>;
  if (role === "candidate") return <Badge tone="warn">{t("candidate")}</Badge>;
  return <Badge>{t("unknown")}</Badge>;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/**
 * Ages, rates, ratios and sizes in the panel's language. Numbers go through next-intl's formatter in the panel's
 * locale, never the browser's, so the server's render and the browser's hydration agree.
 */
export function useTopologyFormat() {
  const t = useTranslations("topology");
  const format = useFormatter();
  const fixed = (value: number, digits: number) =>
    format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });

  const age = (ms: number | null): string => {
    if (ms === null) return t("age.never");
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return t("age.seconds", { s });
    if (s < 3600) return t("age.minutes", { m: Math.floor(s / 60), s: s % 60 });
    if (s < 86_400) return t("age.hours", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
    return t("age.days", { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
  };

  return {
    age,
    /** "12 s ago", or "never". */
    ago: (ms: number | null) => (ms === null ? t("age.never") : t("age.ago", { age: age(ms) })),
    tps: (tps: number | null | undefined) => (tps == null ? "—" : fixed(tps, tps >= 100 ? 0 : 1)),
    ratio: (ratio: number | null | undefined) => (ratio == null ? "—" : t("percent", { value: fixed(ratio * 100, 1) })),
    bytes: (bytes: number | null | undefined) => {
      if (bytes == null) return "—";
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
      }
      return `${fixed(value, unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
    },
  };
}

/** A reading's age in words, marked when stale or failing; `now` is in the server's clock. */
export function ReadingAge({ reading, now }: { reading: Reading<unknown>; now: number }) {
  const t = useTranslations("topology");
  const { ago } = useTopologyFormat();
  const status = readingStatus(reading, now);
  const age = reading.observedAt === null ? null : now - reading.observedAt;
  const tone = status === "ok" ? "text-slate-500" : status === "unknown" ? "text-slate-400" : "text-amber-700";
  // The error is the network's own words (ECONNREFUSED …): shown as it came.
  const title = reading.error ? t("reading.failed", { error: reading.error }) : status === "stale" ? t("reading.stale") : undefined;
  return (
    <span className={`text-xs ${tone}`} title={title} data-status={status}>
      {age === null ? t("reading.neverRead") : ago(age)}
      {status === "stale" || status === "failing" ? " ⚠" : ""}
    </span>
  );
}
