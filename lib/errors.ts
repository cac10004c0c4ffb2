import { z } from "zod";
import type { Messages } from "./i18n/catalog";
import type { Locale } from "./i18n/locales";
import { type Message, type MessageKey, type MessageValue, type MessageValues, message } from "./i18n/message";
import { type Language, safeParseIn } from "./i18n/schema";
import { translate } from "./i18n/translate";

/**
 * What an error says, in each reader's language: a Message, or, for text put together at runtime in each language
 * (zod's issue, written by a parse in that language), a function of the language.
 */
export type Said = Message | ((locale: Locale) => string);

export const say = (said: Said, locale: Locale = "en"): string => (typeof said === "function" ? said(locale) : translate(said, locale));

/**
 * An error whose message is written for the operator. Route handlers turn it into a JSON response in the reader's
 * language; `message` is the English text, for logs and scripts. Anything else becomes a generic 500 so no stack
 * trace reaches the browser.
 */
export class AppError extends Error {
  constructor(
    readonly said: Said,
    readonly status: number = 400,
    readonly code: string = "bad_request",
    readonly fieldErrors?: Record<string, Said[]>,
  ) {
    super(say(said));
  }

  /** The `error` and `fieldErrors` of the API's answer, in one language. */
  in(locale: Locale): { error: string; fieldErrors?: Record<string, string[]> } {
    const fields = this.fieldErrors;
    return {
      error: say(this.said, locale),
      fieldErrors:
        fields && Object.fromEntries(Object.entries(fields).map(([field, list]) => [field, list.map((said) => say(said, locale))])),
    };
  }
}

export const notFound = (thing: keyof Messages["errors"]["notFound"], values?: MessageValues) =>
  new AppError(message(`errors.notFound.${thing}`, values), 404, "not_found");
export const conflict = (said: Said) => new AppError(said, 409, "conflict");

/** A message one of whose values may be composed in each language (zod's issue); with none, it is a plain Message. */
export function saying(key: MessageKey, values: Record<string, MessageValue | Said>): Said {
  const entries = Object.entries(values);
  if (!entries.some(([, value]) => typeof value === "function")) return message(key, values as MessageValues);
  return (locale) => {
    const said = entries.map(([name, value]) => [name, typeof value === "function" ? value(locale) : value]);
    return translate(message(key, Object.fromEntries(said)), locale);
  };
}

/** The language schemas write in on the server (inLanguage, safeParseIn). */
export const serverLanguage = (locale: Locale): Language => ({ locale, render: (said) => translate(said, locale) });

/** "{label}: {problem}" ("username: …", "URL path id: …"), each part in the reader's language. */
export const refusal = (label: Said, problem: Said): Said => saying("errors.input.refused", { label, problem });

/**
 * Input a zod schema refused: its first issue after the label of the field it is about, and every field's issues.
 * The schemas write their messages in the language of the parse, so another language parses the input again.
 */
export function refusedInput(label: (field: string) => Said, schema: z.ZodType, input: unknown, english: z.ZodError): AppError {
  const errors = new Map<Locale, z.ZodError>([["en", english]]);
  const errorIn = (locale: Locale) => {
    if (!errors.has(locale)) errors.set(locale, safeParseIn(schema, input, serverLanguage(locale)).error ?? english);
    return errors.get(locale)!;
  };
  const problem = (locale: Locale) => errorIn(locale).issues[0]?.message ?? translate(message("errors.input.notValid"), locale);
  const fieldsIn = (locale: Locale) => z.flattenError(errorIn(locale)).fieldErrors as Record<string, string[]>;
  const fieldErrors: Record<string, Said[]> = {};
  for (const [field, list] of Object.entries(fieldsIn("en"))) {
    fieldErrors[field] = list.map((text, i) => (locale: Locale) => fieldsIn(locale)[field]?.[i] ?? text);
  }
  const field = (english.issues[0]?.path ?? []).map(String).join(".");
  return new AppError(refusal(label(field), problem), 400, "invalid_input", fieldErrors);
}
