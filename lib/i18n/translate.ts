// use-intl/core, not next-intl: next-intl's react-server entry loads its React provider, which the worker (plain Node
// under the react-server condition) cannot import.
import { createTranslator } from "use-intl/core";
import { MESSAGES } from "./catalog";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { type FlatTranslator, type Message, renderMessage } from "./message";

const translators = new Map<Locale, FlatTranslator>();

/**
 * Renders a Message outside a React tree: an API error in the caller's language, or the English text stored beside
 * a message for scripts and logs. A string is shown as it is. One translator per language, made on first use.
 */
export function translate(text: Message | string, locale: Locale = DEFAULT_LOCALE): string {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({ locale, messages: MESSAGES[locale], timeZone: "UTC" }) as unknown as FlatTranslator;
    translators.set(locale, t);
  }
  return renderMessage(text, t);
}

/** The English text of a message: what the API's `error` field, the server log and a stored text column hold. */
export const english = (text: Message | string) => translate(text, "en");
