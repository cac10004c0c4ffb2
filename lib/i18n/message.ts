import type { MessageKeys, NestedKeyOf } from "next-intl";
import type { Messages } from "./catalog";

/** Any key of the catalog, checked by tsc. */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

/**
 * Text the server writes now and someone reads later, in their own language: a job's step titles and log lines, a
 * topology event, a lint finding, an API error. It travels and is stored as its key and values, and is rendered
 * where it is read. Pure: the browser renders these too.
 */
export interface Message {
  key: MessageKey;
  values?: MessageValues;
}

/**
 * A string is shown as it is (a host name, a path, another program's words); a message or a list is said in the
 * reader's language too (a step's title inside its log line, the problems a check found).
 */
export type MessageValue = string | number | Message | MessageList;
export type MessageValues = Record<string, MessageValue>;

/** How a list's items are joined: each language has its own words for it ("a and b", "a、b"). */
export type Separator = keyof Messages["common"]["join"];

export interface MessageList {
  items: (Message | string)[];
  separator: Separator;
}

export const message = (key: MessageKey, values?: MessageValues): Message => (values ? { key, values } : { key });

export const messageList = (separator: Separator, items: (Message | string)[]): MessageList => ({ items, separator });

/** use-intl's translator of one flat message: the browser's (useMessage()) or the server's (translate()). */
export type FlatTranslator = (key: string, values?: Record<string, string | number>) => string;

/**
 * Renders a message in one language, innermost values first.
 *
 * Numbers go to ICU as they are, and ICU writes a plain {n} as written: a port, a pid or a size reads "30911", never
 * "30,911". Only a message that formats a count itself, with {n, number} or a plural's #, groups its digits
 * (message.test.ts holds ICU to that).
 */
export function renderMessage(text: Message | string, t: FlatTranslator): string {
  if (typeof text === "string") return text;
  if (!text.values) return t(text.key);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.values)) {
    if (typeof value !== "object") values[name] = value;
    else if ("items" in value) values[name] = value.items.map((item) => renderMessage(item, t)).join(t(`common.join.${value.separator}`));
    else values[name] = renderMessage(value, t);
  }
  return t(text.key, values);
}

/** A message as a JSON column or the API holds it, else (a row written before messages were stored) its English. */
export function storedMessage(stored: unknown, english: string): Message | string {
  return typeof stored === "object" && stored !== null && "key" in stored ? (stored as Message) : english;
}
