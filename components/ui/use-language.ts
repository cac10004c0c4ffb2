"use client";
import { useLocale } from "next-intl";
import { useMemo } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { Language } from "@/lib/i18n/schema";
import { useMessage } from "./use-message";

/**
 * The reader's language for the shared schemas' messages: `safeParseIn(schema, input, useLanguage())`. The same
 * object while the language stays, so it can be a memo's dependency.
 */
export function useLanguage(): Language {
  const locale = useLocale() as Locale;
  const render = useMessage();
  return useMemo(() => ({ locale, render }), [locale, render]);
}
