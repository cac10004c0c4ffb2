"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import { savePreferences } from "../auth/queries";

/** The user menu's language switch: saved on the user, so it follows them to every browser. */
export function LanguageMenu() {
  const t = useTranslations("nav");
  const locale = useLocale();
  const router = useRouter();
  const save = useMutation({ mutationFn: (next: Locale) => savePreferences({ locale: next }), onSuccess: () => router.refresh() });
  return (
    <label className="mt-2 block text-xs text-slate-500">
      {t("language")}
      <select
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-1 py-0.5 text-xs text-slate-800"
        value={save.isPending && save.variables ? save.variables : locale}
        disabled={save.isPending}
        onChange={(event) => save.mutate(event.target.value as Locale)}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
