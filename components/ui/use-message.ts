"use client";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { type FlatTranslator, type Message, renderMessage } from "@/lib/i18n/message";

/**
 * Renders stored Messages (job logs, topology events, lint findings, API errors) in the reader's language; a string
 * is shown as it is. The same function while the language stays, so it can be a memo's dependency.
 */
export function useMessage(): (message: Message | string) => string {
  const t = useTranslations() as unknown as FlatTranslator;
  return useMemo(() => (message: Message | string) => renderMessage(message, t), [t]);
}
