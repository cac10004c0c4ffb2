import { type Message, type MessageKey, message } from "../../i18n/message";
import { english } from "../../i18n/translate";

/**
 * What a finding says, as catalog keys and values (and so stored with a revision), for each reader's language.
 * Unlike a plain Message, a value may be a message itself (the problem in "dLegerPeers of n0: …", a port's purpose)
 * or a list of them (the processes sharing a port): every part is translated, innermost first.
 */
export interface LintText {
  key: MessageKey;
  values?: Record<string, LintValue>;
}

export type LintValue = string | number | LintText | LintList;

/** Items joined by a separator from the catalog, which differs by language ("a and b", "a、b"). */
export interface LintList {
  join: MessageKey;
  items: (string | LintText)[];
}

// Numbers that name something (a port, a size in MB) travel as strings: ICU would print 30911 as "30,911".
export const lintText = (key: MessageKey, values?: Record<string, LintValue>): LintText => (values ? { key, values } : { key });

export const lintList = (join: "and" | "comma" | "semicolon", items: (string | LintText)[]): LintList => ({
  join: `lint.join.${join}`,
  items,
});

/** Renders a finding's text with a renderer of flat messages: useMessage() in the browser, english() on the server. */
export function renderLintText(text: LintText, render: (message: Message) => string): string {
  const part = (value: string | LintText) => (typeof value === "string" ? value : renderLintText(value, render));
  const flat = (value: LintValue) => {
    if (typeof value !== "object") return value;
    return "items" in value ? value.items.map(part).join(render({ key: value.join })) : renderLintText(value, render);
  };
  if (!text.values) return render({ key: text.key });
  return render({ key: text.key, values: Object.fromEntries(Object.entries(text.values).map(([name, value]) => [name, flat(value)])) });
}

export const englishText = (text: LintText) => renderLintText(text, english);

/** A rule's fix hint: in English for the API, and as a message for the reader's language. */
export function fixHint(key: MessageKey): { hint: string; hintText: Message } {
  const hintText = message(key);
  return { hint: english(hintText), hintText };
}
