import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";
import type { Locale } from "./locales";

/** English is the reference catalog: its shape is the type every other catalog must have (catalog.test.ts checks). */
export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, "zh-CN": zhCN };
