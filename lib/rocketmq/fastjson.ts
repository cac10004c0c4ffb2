/**
 * A parser for what fastjson writes, which is not always JSON: a map with non-String keys is written
 * with bare keys (`{"brokerAddrs":{0:"127.0.0.1:10911"}}`, GET_BROKER_CLUSTER_INFO in 4.9.x and 5.x),
 * a map keyed by objects with the key object itself (`{"offsetTable":{{"queueId":0,…}:{…}}}`, topic and
 * consume stats keyed by MessageQueue), and fastjson also reads single-quoted strings and bare identifier
 * keys. This accepts JSON plus those, never evaluates anything, and keeps integers beyond 2^53 exact as bigint.
 */

export type FastjsonValue = null | boolean | number | bigint | string | FastjsonValue[] | { [key: string]: FastjsonValue };

export class FastjsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = "FastjsonSyntaxError";
  }
}

/** Deeper nesting than this is garbage (or an attack), not a RocketMQ body. */
const MAX_DEPTH = 64;

export function parseFastjson(input: string | Uint8Array): FastjsonValue {
  const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  const parser = new Parser(text);
  parser.skipSpace();
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.pos < text.length) parser.fail("unexpected text after the value");
  return value;
}

class Parser {
  pos = 0;

  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new FastjsonSyntaxError(message, this.pos);
  }

  skipSpace() {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  value(depth: number): FastjsonValue {
    if (depth > MAX_DEPTH) this.fail("nesting too deep");
    const c = this.text[this.pos];
    switch (c) {
      case "{":
        return this.object(depth);
      case "[":
        return this.array(depth);
      case '"':
      case "'":
        return this.string();
      case undefined:
        return this.fail("unexpected end of input");
      default:
        if (c === "-" || (c >= "0" && c <= "9")) return this.number();
        return this.keyword();
    }
  }

  private object(depth: number): Record<string, FastjsonValue> {
    this.pos++;
    // A null prototype: a "__proto__" key from the wire is just a key.
    const result: Record<string, FastjsonValue> = Object.create(null);
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      const key = this.key(depth);
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail("expected ':'");
      this.pos++;
      this.skipSpace();
      result[key] = this.value(depth + 1);
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === "}") return result;
      if (next !== ",") {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
  }

  /**
   * A quoted string, or fastjson's bare key: a number (Map<Long,…>), an identifier, or an object or
   * array (Map<MessageQueue,…>), which becomes its canonical JSON text: parse it again to read it.
   */
  private key(depth: number): string {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.string();
    if (c === "{" || c === "[") return canonicalJson(this.value(depth + 1));
    const match = /^(-?\d+(?:\.\d+)?|[A-Za-z_$][\w$]*)/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!match) this.fail("expected a key");
    this.pos += match[0].length;
    return match[0];
  }

  private array(depth: number): FastjsonValue[] {
    this.pos++;
    const result: FastjsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      result.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === "]") return result;
      if (next !== ",") {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  private string(): string {
    const quote = this.text[this.pos++];
    let out = "";
    let start = this.pos;
    const { text } = this;
    for (;;) {
      if (this.pos >= text.length) this.fail("unterminated string");
      const c = text[this.pos];
      if (c === quote) {
        out += text.slice(start, this.pos++);
        return out;
      }
      if (c === "\\") {
        out += text.slice(start, this.pos);
        out += this.escape();
        start = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    this.pos += 2;
    switch (c) {
      case '"':
      case "'":
      case "\\":
      case "/":
        return c;
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "u": {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("bad \\u escape");
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        this.pos -= 2;
        return this.fail("bad escape");
    }
  }

  private number(): number | bigint {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail("bad number");
    this.pos += match[0].length;
    const literal = match[0];
    if (match[1] === undefined && match[2] === undefined) {
      const value = Number(literal);
      return Number.isSafeInteger(value) ? value : BigInt(literal);
    }
    return Number(literal);
  }

  private keyword(): boolean | null {
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail("unexpected character");
  }
}

/** JSON text of a parsed value (bigints as their digits), so a structured key reads back with parseFastjson. */
function canonicalJson(value: FastjsonValue): string {
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
    .join(",")}}`;
}
