import Negotiator from "negotiator";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales";

/**
 * The best of our languages for an Accept-Language header (q-values and "zh" for "zh-CN" included), English when
 * none fits. negotiator is the parser Express uses; Accept-Language has enough corner cases not to hand-roll it.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const [best] = new Negotiator({ headers: { "accept-language": header ?? "" } }).languages([...LOCALES]);
  return (best as Locale | undefined) ?? DEFAULT_LOCALE;
}
