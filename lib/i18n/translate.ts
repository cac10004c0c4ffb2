// use-intl/core, not next-intl: next-intl's react-server entry loads its React provider, which the worker (plain Node
// under the react-server condition) cannot import.
import { createTranslator } from "use-intl/core";
import { MESSAGES } from "./catalog";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import type { Message } from "./message";

type Translate = (message: Message) => string;

const translators = new Map<Locale, Translate>();

/**
 * Renders a Message outside a React tree: an API error in the caller's language, or the English text stored beside
 * a message for scripts and logs. One translator per language, made on first use.
 */
export function translate(message: Message, locale: Locale = DEFAULT_LOCALE): string {
  let render = translators.get(locale);
  if (!render) {
    const t = createTranslator({ locale, messages: MESSAGES[locale], timeZone: "UTC" });
    render = ({ key, values }) => (t as unknown as (key: string, values?: object) => string)(key, values);
    translators.set(locale, render);
  }
  return render(message);
}

/** The English text of a message: what the API's `error` field, the server log and a stored text column hold. */
export const english = (message: Message) => translate(message, "en");
