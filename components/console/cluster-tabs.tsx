"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

const TABS = [
  { segment: "topology", label: "topology" },
  { segment: "topics", label: "topics" },
  { segment: "groups", label: "groups" },
] as const;

/** A cluster's live views side by side: Topology · Topics · Consumer groups. */
export function ClusterTabs({ clusterId }: { clusterId: string }) {
  const t = useTranslations("console.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="mb-4 flex gap-1 border-b border-slate-200 text-sm">
      {TABS.map((tab) => {
        const href = `/clusters/${clusterId}/${tab.segment}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={tab.segment}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-1.5 ${active ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(tab.label)}
          </Link>
        );
      })}
    </nav>
  );
}
