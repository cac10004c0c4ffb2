"use client";

import { useTranslations } from "next-intl";
import type { Finding } from "@/lib/design";
import { FindingsTable } from "../clusters/findings-table";
import type { OperationAccess } from "./access";
import { UpgradeButton } from "./upgrade-button";

/**
 * What the linter says about the release a cluster runs (CVE-2023-33246 / 37582, apache/rocketmq #4415), each row
 * with the upgrade off it for operators.
 */
export function ReleaseAdvisories({
  version,
  advisories,
  findings,
  upgradeTo,
  access,
}: {
  version: string;
  /** The advisories' ids ("CVE-2023-33246", "apache/rocketmq#4415"). */
  advisories: string[];
  findings: Finding[];
  upgradeTo: string;
  access: OperationAccess | null;
}) {
  const t = useTranslations("lifecycle.upgrade");
  return (
    <section
      data-testid="release-advisories"
      aria-label={t("nodeAdvisories")}
      className="mb-4 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-medium">{t("advisory", { version, advisories: advisories.join(", ") })}</p>
      <p className="text-xs">{t("help", { target: upgradeTo })}</p>
      <FindingsTable
        findings={findings}
        action={access ? (f) => <UpgradeButton access={access} version={upgradeTo} testId={`upgrade-from-${f.ruleId}`} /> : undefined}
      />
    </section>
  );
}
