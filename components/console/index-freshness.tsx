"use client";

import { useTranslations } from "next-intl";
import type { IndexState } from "@/lib/console/schema";
import { useTopologyFormat } from "../topology/format";
import { useMessage } from "../ui/use-message";
import { useNow } from "../use-now";

/** Lists come from the cluster's cached index, refreshed by the worker: how old what the reader sees is. */
export function IndexFreshness({ index }: { index: IndexState | undefined }) {
  const t = useTranslations("console.index");
  const { ago } = useTopologyFormat();
  const say = useMessage();
  const now = useNow(5_000);
  if (!index) return null;
  return (
    <span className="text-xs text-slate-500" data-testid="index-freshness">
      {index.refreshedAt === null
        ? t("never")
        : t("refreshed", {
            age: now === null ? "…" : ago(Math.max(0, now - index.refreshedAt)),
            ms: index.durationMs ?? 0,
            calls: index.brokerCalls ?? 0,
          })}
      {index.error && <span className="ml-2 text-amber-700">{t("failed", { error: say(index.errorMessage ?? index.error) })}</span>}
    </span>
  );
}
