import { type Message, message } from "../i18n/message";

/** Deeper than any input of the panel (a draft is about 6 levels deep), shallow enough to walk without a care. */
export const MAX_INPUT_DEPTH = 32;

export interface InputProblem {
  /** Where, as a path into the input ([] for the whole of it). */
  path: (string | number)[];
  message: Message;
}

/**
 * Finds, anywhere in a parsed body, query or path: strings or keys with NUL (PostgreSQL cannot store U+0000 in text
 * and fails the whole query), `__proto__` keys (an object built from the input would get a new prototype), and
 * nesting deeper than MAX_INPUT_DEPTH. Walks with its own stack, so deep input cannot overflow the call stack.
 */
export function findInputProblem(input: unknown): InputProblem | null {
  const stack: InputProblem["path"][] = [[]];
  const values: unknown[] = [input];
  while (values.length > 0) {
    const value = values.pop();
    const path = stack.pop()!;
    if (path.length > MAX_INPUT_DEPTH) return { path, message: message("errors.input.tooDeep", { max: MAX_INPUT_DEPTH }) };
    if (typeof value === "string") {
      if (value.includes("\0")) return { path, message: message("errors.input.nul") };
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        values.push(item);
        stack.push([...path, i]);
      });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (key === "__proto__") return { path: [...path, key], message: message("errors.input.protoKey") };
        if (key.includes("\0")) return { path, message: message("errors.input.nulKey") };
        values.push(item);
        stack.push([...path, key]);
      }
    }
  }
  return null;
}
