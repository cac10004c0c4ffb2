import { createTranslator } from "use-intl/core";
import type { z } from "zod";
import { zhCN } from "zod/locales";
import type { Locale } from "./locales";
import { type FlatTranslator, type Message, type MessageKey, message, renderMessage } from "./message";
import englishErrors from "./messages/en/errors.json" with { type: "json" };

// The zod schemas are shared by the browser's forms and the API. Their own messages are catalog keys (says()), written
// in the language of the parse under way when an issue is found; zod's built-in messages come from its locales. Pure.

export type ValidationKey = Extract<MessageKey, `validation.${string}`>;
/** A Message value is rendered first, in the same language: a field's label inside a sentence about it. */
type Values = Record<string, string | number | Message>;

/** How one language writes a Message: useMessage() in the browser, translate() on the server. */
export interface Language {
  locale: Locale;
  render: (message: Message) => string;
}

// Only the English validation messages, not every catalog: the browser bundles this module with each form.
const t = createTranslator({ locale: "en", messages: englishErrors, timeZone: "UTC" }) as unknown as FlatTranslator;
const ENGLISH: Language = { locale: "en", render: (said) => renderMessage(said, t) };

// zod writes English by itself; passing no error map keeps its English byte for byte.
const ZOD_LOCALES: Record<Locale, z.core.$ZodErrorMap | undefined> = { en: undefined, "zh-CN": zhCN().localeError };

// A parse is synchronous, so the language of the one under way can be a plain variable, set for its length only:
// requests in other languages cannot run in between (a global zod config would be shared by all of them).
let current = ENGLISH;

/**
 * Runs a synchronous `run` (a parse, or pure code that parses) with schema messages in `language`. A failed
 * safeParse's `error` must be read inside `run`: zod writes the messages then.
 */
export function inLanguage<T>(language: Language, run: () => T): T {
  const outer = current;
  current = language;
  try {
    return run();
  } finally {
    current = outer;
  }
}

/** safeParse with every message in `language`: the schemas' own and zod's. */
export function safeParseIn<S extends z.ZodType>(schema: S, input: unknown, language: Language): z.ZodSafeParseResult<z.output<S>> {
  return inLanguage(language, () => {
    const result = schema.safeParse(input, { error: ZOD_LOCALES[language.locale] });
    // zod writes the messages when `error` is first read: read it while the language holds.
    if (!result.success) void result.error;
    return result;
  });
}

/** A message in the language of the parse under way (English outside inLanguage), for error functions and refinements. */
export const speak = (key: ValidationKey, values?: Values): string => current.render(message(key, values));

/** A schema's own message, as zod takes it in place of a string: `.min(3, says("validation.auth.usernameTooShort"))`. */
export const says = (key: ValidationKey, values?: Values) => ({ error: () => speak(key, values) });
