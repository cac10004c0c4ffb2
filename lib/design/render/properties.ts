// java.util.Properties text format, as BrokerStartup reads a broker's -c file with Properties.load:
// the bytes are ISO-8859-1, so anything outside printable ASCII must travel as \uXXXX.

import { type Message, message } from "../../i18n/message";
import { english } from "../../i18n/translate";

export interface PropertyEntry {
  key: string;
  value: string;
  /** 1-based line where the logical line starts. */
  line: number;
}

export interface PropertiesProblem {
  line: number;
  /** In English; `text` is the same in the reader's language. */
  message: string;
  text: Message;
}

export interface ParsedProperties {
  /** Last value wins for a repeated key, as in Properties.load. */
  properties: Record<string, string>;
  entries: PropertyEntry[];
  problems: PropertiesProblem[];
}

const WHITESPACE = new Set([" ", "\t", "\f"]);
const ESCAPED_CONTROL: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f" };

interface LogicalLine {
  text: string;
  line: number;
}

function endsWithOddBackslashes(text: string): boolean {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === "\\"; i--) count++;
  return count % 2 === 1;
}

function trimLeadingWhitespace(text: string): string {
  let i = 0;
  while (i < text.length && WHITESPACE.has(text[i])) i++;
  return text.slice(i);
}

function logicalLines(text: string): LogicalLine[] {
  const natural = text.split(/\r\n|\r|\n/);
  const result: LogicalLine[] = [];
  for (let i = 0; i < natural.length; i++) {
    const start = i;
    let current = trimLeadingWhitespace(natural[i]);
    if (current === "" || current[0] === "#" || current[0] === "!") continue;
    while (endsWithOddBackslashes(current) && i + 1 < natural.length) {
      i++;
      current = current.slice(0, -1) + trimLeadingWhitespace(natural[i]);
    }
    if (endsWithOddBackslashes(current)) current = current.slice(0, -1);
    result.push({ text: current, line: start + 1 });
  }
  return result;
}

/** Index where the key ends and the index where the value starts. */
function splitKeyValue(text: string): { keyEnd: number; valueStart: number } {
  let keyEnd = 0;
  while (keyEnd < text.length) {
    const c = text[keyEnd];
    if (c === "\\") keyEnd += 2;
    else if (c === "=" || c === ":" || WHITESPACE.has(c)) break;
    else keyEnd++;
  }
  keyEnd = Math.min(keyEnd, text.length);
  let valueStart = keyEnd;
  while (valueStart < text.length && WHITESPACE.has(text[valueStart])) valueStart++;
  if (text[valueStart] === "=" || text[valueStart] === ":") valueStart++;
  while (valueStart < text.length && WHITESPACE.has(text[valueStart])) valueStart++;
  return { keyEnd, valueStart };
}

function unescapeProperty(text: string, onProblem: (problem: Message) => void): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = text[++i] ?? "";
    if (next === "u") {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        onProblem(message("importer.problems.malformedEscape", { hex }));
        continue;
      }
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += ESCAPED_CONTROL[next] ?? next;
    }
  }
  return out;
}

export function parseProperties(text: string): ParsedProperties {
  const map = new Map<string, string>();
  const entries: PropertyEntry[] = [];
  const problems: PropertiesProblem[] = [];
  for (const { text: lineText, line } of logicalLines(text)) {
    const onProblem = (problem: Message) => problems.push({ line, message: english(problem), text: problem });
    const { keyEnd, valueStart } = splitKeyValue(lineText);
    const key = unescapeProperty(lineText.slice(0, keyEnd), onProblem);
    const value = unescapeProperty(lineText.slice(valueStart), onProblem);
    if (map.has(key)) onProblem(message("importer.problems.repeatedKey", { key, value }));
    map.set(key, value);
    entries.push({ key, value, line });
  }
  return { properties: Object.fromEntries(map), entries, problems };
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === "\\") return "\\\\";
  if (c === "\t") return "\\t";
  if (c === "\n") return "\\n";
  if (c === "\r") return "\\r";
  if (c === "\f") return "\\f";
  if (code < 0x20 || code > 0x7e) return `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return c;
}

/** Keys: every separator and comment character is escaped, as Properties.store does. */
export function escapePropertyKey(key: string): string {
  return key
    .split("")
    .map((c) => ("=: #!".includes(c) ? `\\${c}` : escapeChar(c)))
    .join("");
}

/**
 * Values: Properties.load only looks for separators in the key and for comment markers at the
 * start of a line, so "=", ":", "#" and "!" inside a value need no escape. Leaving them bare keeps
 * `dLegerPeers=n0-10.0.0.1:40911` readable; only a leading space must be escaped or load drops it.
 */
export function escapePropertyValue(value: string): string {
  return value
    .split("")
    .map((c, i) => (c === " " && i === 0 ? "\\ " : escapeChar(c)))
    .join("");
}

export function formatProperty(key: string, value: string): string {
  return `${escapePropertyKey(key)}=${escapePropertyValue(value)}`;
}

/** A comment line; non-ASCII is escaped as Properties.store does, newlines start new comment lines. */
export function formatComment(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      `# ${line
        .split("")
        .map((c) => (c.charCodeAt(0) > 0x7e ? escapeChar(c) : c))
        .join("")}`.trimEnd(),
    )
    .join("\n");
}
