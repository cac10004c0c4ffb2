"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/digest";
import { Button } from "./button";

/**
 * What the error boundaries show. The server sends only an error's digest in production, never its message:
 * lib/db tags "database unavailable" errors with a digest of their own, everything else is a generic failure.
 */
export function ErrorScreen({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common.errorScreen");
  const unavailable = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  useEffect(() => {
    // The database usually comes back within seconds (npm start restarts it): try again by itself.
    if (!unavailable) return;
    const timer = setInterval(() => window.location.reload(), 5_000);
    return () => clearInterval(timer);
  }, [unavailable]);

  return (
    <div role="alert" className="mx-auto my-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-lg font-semibold text-slate-900">{unavailable ? t("unavailableTitle") : t("failedTitle")}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {unavailable ? t("unavailable") : error.digest ? t("failedWithReference", { digest: error.digest }) : t("failed")}
      </p>
      <Button variant="secondary" onClick={() => (unavailable ? window.location.reload() : reset())}>
        {t("retry")}
      </Button>
    </div>
  );
}
