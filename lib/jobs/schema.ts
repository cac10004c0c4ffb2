import type { Message, MessageKey } from "../i18n/message";

// The text a job writes now and someone reads later, in their own language: a job's and its steps' titles, its log
// lines, errors and summary, and the plans shown before it runs. Pure: the browser renders these too.

/** Parts joined into one value the way each language joins them ("a, b" in English, "a，b" in Chinese). */
export interface TextList {
  items: (JobText | string)[];
  separator: "comma" | "semicolon";
}

/** A string is shown as it is: a host name, a path, or another program's own words (an SSH error). */
export type JobTextValue = string | JobText | TextList;

/**
 * A Message whose values may be texts themselves: a step's title in "✓ {step}: done", a refusal in "{refusal} An
 * admin may force it.", a list of problems. Each part is rendered in the reader's language, innermost first.
 */
export interface JobText {
  key: MessageKey;
  values?: Record<string, JobTextValue>;
}

/** Numbers are stored as written: a pid, a port or a byte offset must never read "12,345". */
export function jobText(key: MessageKey, values?: Record<string, JobTextValue | number>): JobText {
  if (!values) return { key };
  const written = Object.entries(values).map(([name, value]) => [name, typeof value === "number" ? String(value) : value]);
  return { key, values: Object.fromEntries(written) };
}

export const textList = (items: (JobText | string)[], separator: TextList["separator"]): TextList => ({ items, separator });

export type RenderMessage = (message: Message) => string;

const SEPARATORS = { comma: "jobLog.comma", semicolon: "jobLog.semicolon" } as const satisfies Record<TextList["separator"], MessageKey>;

/** Renders a text with `render` (useMessage() in the browser, translate() or english() on the server). */
export function renderJobText(text: JobText, render: RenderMessage): string {
  if (!text.values) return render({ key: text.key });
  const values = Object.fromEntries(Object.entries(text.values).map(([name, value]) => [name, renderValue(value, render)]));
  return render({ key: text.key, values });
}

function renderValue(value: JobTextValue, render: RenderMessage): string {
  if (typeof value === "string") return value;
  if ("items" in value) return value.items.map((item) => renderValue(item, render)).join(render({ key: SEPARATORS[value.separator] }));
  return renderJobText(value, render);
}

/** A text as a JSON column or the API holds it; null for what was written before texts were stored. */
export function asJobText(stored: unknown): JobText | null {
  return typeof stored === "object" && stored !== null && "key" in stored ? (stored as JobText) : null;
}

/** What a reader sees: the stored text in their language, else the English written beside it. */
export function showText(stored: unknown, english: string, render: RenderMessage): string {
  const text = asJobText(stored);
  return text ? renderJobText(text, render) : english;
}
