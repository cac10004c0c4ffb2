import { z } from "zod";
import { says } from "./schema";

/** The languages the panel speaks. Pure: the browser's language menu imports it too. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const localeSchema = z.enum(LOCALES, says("validation.locale", { locales: LOCALES.join(", ") }));

/** Each language named in itself, as a language menu shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };
