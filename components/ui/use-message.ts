"use client";
import { useTranslations } from "next-intl";
import type { Message } from "@/lib/i18n/message";

/** Renders stored Messages (job logs, topology events, lint findings, API errors) in the reader's language. */
export function useMessage(): (message: Message) => string {
  const t = useTranslations() as unknown as (key: string, values?: object) => string;
  return (m) => t(m.key, m.values);
}
