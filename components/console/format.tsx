"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { TopicType } from "@/lib/console/schema";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";

const TYPE_TONE = { normal: "neutral", retry: "warn", dlq: "bad", system: "info" } as const;

export function TopicTypeBadge({ type }: { type: TopicType }) {
  const t = useTranslations("console.topicType");
  return <Badge tone={TYPE_TONE[type]}>{t(type)}</Badge>;
}

/** PermName's bits as operators say them: 6 read/write, 4 read only, 2 write only. */
export function usePermLabel() {
  const t = useTranslations("console.perm");
  return (perm: number) => {
    const readable = (perm & 4) !== 0;
    const writable = (perm & 2) !== 0;
    if (readable && writable) return t("readWrite");
    if (readable) return t("readOnly");
    if (writable) return t("writeOnly");
    return t("none", { perm });
  };
}

/** A number field's text as the schema checks it: empty is "not given", anything else a number (or NaN, refused). */
export const numberOrUndefined = (text: string) => (text.trim() === "" ? undefined : Number(text));

/** Counts grouped in the panel's locale (never the browser's, so server and browser renders agree). */
export function useCount() {
  const format = useFormatter();
  return (value: number | null | undefined) => (value == null ? "—" : format.number(value));
}

/** Tabs within one page; the panels render only while chosen. */
export function Tabs<K extends string>({
  label,
  tabs,
  value,
  onChange,
}: {
  label: string;
  tabs: { key: K; label: ReactNode }[];
  value: K;
  onChange: (key: K) => void;
}) {
  return (
    <div role="tablist" aria-label={label} className="mb-3 flex gap-1 border-b border-slate-200 text-sm">
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          aria-selected={tab.key === value}
          onClick={() => onChange(tab.key)}
          className={`-mb-px border-b-2 px-3 py-1.5 ${tab.key === value ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** Previous / next over a server-side page, with where we are. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const t = useTranslations("console.pager");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="flex items-center justify-end gap-2 text-sm text-slate-600">
      <span>{t("position", { page, pages, total })}</span>
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("previous")}
      </Button>
      <Button variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t("next")}
      </Button>
    </div>
  );
}

/** A label and its value, in a two-column description list. */
export function Item({ label, mono = false, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className={mono ? "break-all font-mono text-xs leading-5" : ""}>{children}</dd>
    </>
  );
}
