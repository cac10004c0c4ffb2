import type { MessageBody } from "./schema";

/**
 * How a message body is shown: JSON pretty-printed, else UTF-8 text, else hex. Bodies are bytes a producer chose;
 * only text that decodes cleanly and has no control characters but line breaks and tabs counts as text. Pure.
 */

/** The most of a body the page shows; the stored size is said beside it. */
export const BODY_TEXT_MAX_BYTES = 256 * 1024;

const CONTROL = /(?![\n\r\t])\p{Cc}/u;

export function renderBody(body: Buffer, compressed: boolean): MessageBody {
  const size = body.length;
  const shown = body.subarray(0, BODY_TEXT_MAX_BYTES);
  const truncated = size > shown.length;
  const text = utf8(truncated ? trimPartialCharacter(shown) : shown);
  if (text !== null && !CONTROL.test(text)) {
    const json = truncated ? null : prettyJson(text);
    return json !== null
      ? { encoding: "json", text: json, size, compressed, truncated }
      : { encoding: "text", text, size, compressed, truncated };
  }
  // Two hex digits a byte: half as many bytes fit in the same room.
  const hexBytes = body.subarray(0, BODY_TEXT_MAX_BYTES / 2);
  return { encoding: "hex", text: hex(hexBytes), size, compressed, truncated: size > hexBytes.length };
}

function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A cut in the middle of a multi-byte character would make valid text look like binary. */
function trimPartialCharacter(bytes: Buffer): Buffer {
  let end = bytes.length;
  // At most three continuation bytes (10xxxxxx) end a cut character; drop them and their lead byte.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back];
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (needed > back) end -= back;
      break;
    }
  }
  return bytes.subarray(0, end);
}

/**
 * An object or array, re-indented two spaces a level; anything else (a bare number or string) stays text. The
 * producer's own characters are kept: a number such as 12345678901234567890 is shown as sent, not as a double.
 */
function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return null;
  try {
    JSON.parse(trimmed);
  } catch {
    return null;
  }
  let out = "";
  let depth = 0;
  let inString = false;
  let escaped = false;
  const newline = () => `\n${"  ".repeat(depth)}`;
  for (const ch of trimmed) {
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === "{" || ch === "[") {
      depth++;
      out += ch + newline();
    } else if (ch === "}" || ch === "]") {
      depth--;
      out += newline() + ch;
    } else if (ch === ",") out += `,${newline()}`;
    else if (ch === ":") out += ": ";
    else if (!/\s/.test(ch)) out += ch;
  }
  // An empty object or array stays on its line.
  return out.replace(/([{[])\n\s*([}\]])/g, "$1$2");
}

/** "00 01 02 …", sixteen bytes a line. */
function hex(bytes: Buffer): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push([...bytes.subarray(i, i + 16)].map((b) => b.toString(16).padStart(2, "0")).join(" "));
  }
  return lines.join("\n");
}
