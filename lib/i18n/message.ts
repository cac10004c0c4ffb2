import type { MessageKeys, NestedKeyOf } from "next-intl";
import type { Messages } from "./catalog";

/** Any key of the catalog, checked by tsc. */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;
export type MessageValues = Record<string, string | number>;

/**
 * Text the server writes now and someone reads later, in their own language: a job's step titles and log lines, a
 * topology event, a lint finding, an API error. It travels and is stored as its key and values, and is rendered
 * where it is read. Pure: the browser renders these too.
 */
export interface Message {
  key: MessageKey;
  values?: MessageValues;
}

export const message = (key: MessageKey, values?: MessageValues): Message => (values ? { key, values } : { key });
