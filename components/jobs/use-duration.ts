"use client";

import { useTranslations } from "next-intl";

/** How long something took, "12.3 s" or "4 min 5 s", in the reader's language. */
export function useDuration(): (fromIso: string | null, toIso: string | null, now?: number) => string {
  const t = useTranslations("jobs.duration");
  return (fromIso, toIso, now = Date.now()) => {
    if (!fromIso) return "";
    const ms = (toIso ? Date.parse(toIso) : now) - Date.parse(fromIso);
    if (ms < 60_000) return t("seconds", { seconds: (ms / 1000).toFixed(1) });
    return t("minutes", { minutes: String(Math.floor(ms / 60_000)), seconds: String(Math.round((ms % 60_000) / 1000)) });
  };
}
