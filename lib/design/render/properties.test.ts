import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { escapePropertyKey, escapePropertyValue, formatComment, formatProperty, parseProperties } from "./properties";

const props = (text: string) => parseProperties(text).properties;

describe("parseProperties follows java.util.Properties.load", () => {
  it.each([
    ["key=value", { key: "value" }],
    ["key:value", { key: "value" }],
    ["key value", { key: "value" }],
    ["key\tvalue", { key: "value" }],
    ["  key   =   value  ", { key: "value  " }],
    ["key = = value", { key: "= value" }],
    ["key :value", { key: "value" }],
    ["key", { key: "" }],
    ["key=", { key: "" }],
    ["=value", { "": "value" }],
    ["a=b=c:d", { a: "b=c:d" }],
    ["namesrvAddr=10.0.0.1:9876;10.0.0.2:9876", { namesrvAddr: "10.0.0.1:9876;10.0.0.2:9876" }],
    ["key=a#b!c", { key: "a#b!c" }],
    ["with\\ space=1", { "with space": "1" }],
    ["with\\=equals=1", { "with=equals": "1" }],
    ["with\\:colon=1", { "with:colon": "1" }],
    ["k=\\ leading", { k: " leading" }],
    ["k=tab\\there", { k: "tab\there" }],
    ["k=line\\nbreak\\r\\f", { k: "line\nbreak\r\f" }],
    ["k=back\\\\slash", { k: "back\\slash" }],
    ["k=\\q\\z", { k: "qz" }],
    ["k=\\u4E2D\\u6587", { k: "中文" }],
    ["k=\\uD83D\\uDE00", { k: "😀" }],
  ])("%j", (text, expected) => {
    expect(props(text)).toEqual(expected);
  });

  it("skips comments and blank lines, but only at the start of a natural line", () => {
    expect(props("# comment\n! also\n\n   # indented\na=1 # not a comment\n")).toEqual({ a: "1 # not a comment" });
  });

  it("joins continuation lines and drops the next line's leading whitespace", () => {
    expect(props("dLegerPeers=n0-a:1;\\\n    n1-b:2;\\\n\tn2-c:3\nnext=1")).toEqual({ dLegerPeers: "n0-a:1;n1-b:2;n2-c:3", next: "1" });
  });

  it("treats an even number of trailing backslashes as escaped backslashes, not a continuation", () => {
    expect(props("a=x\\\\\nb=y")).toEqual({ a: "x\\", b: "y" });
  });

  it("does not continue a comment line that ends with a backslash", () => {
    expect(props("# comment \\\na=1")).toEqual({ a: "1" });
  });

  it("continues a line into a line that looks like a comment", () => {
    expect(props("a=1\\\n# two")).toEqual({ a: "1# two" });
  });

  it("ignores a continuation at the end of the file", () => {
    expect(props("a=1\\")).toEqual({ a: "1" });
  });

  it("accepts \\n, \\r\\n and \\r line endings", () => {
    expect(props("a=1\r\nb=2\rc=3\n")).toEqual({ a: "1", b: "2", c: "3" });
  });

  it("keeps the last value of a repeated key and reports the repetition with its line", () => {
    const parsed = parseProperties("listenPort=30911\nlistenPort=30921\n");
    expect(parsed.properties).toEqual({ listenPort: "30921" });
    expect(parsed.problems).toEqual([
      {
        line: 2,
        message: "listenPort is set more than once; the last value (30921) wins",
        text: { key: "importer.problems.repeatedKey", values: { key: "listenPort", value: "30921" } },
      },
    ]);
  });

  it("reports a malformed \\u escape", () => {
    const parsed = parseProperties("ok=1\nbad=\\u12G4");
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ line: 2 });
    expect(parsed.problems[0].message).toContain("malformed \\u escape");
  });

  it("records entries with their starting line numbers", () => {
    const parsed = parseProperties("# c\na=1\n\nb=2\\\n  3\nc=4");
    expect(parsed.entries).toEqual([
      { key: "a", value: "1", line: 2 },
      { key: "b", value: "23", line: 4 },
      { key: "c", value: "4", line: 6 },
    ]);
  });

  it("stores a __proto__ key as data, not as the prototype", () => {
    const parsed = props("__proto__=x");
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.entries(parsed)).toEqual([["__proto__", "x"]]);
  });

  it("reads the runbook's example config, Chinese comments included", () => {
    const text = readFileSync(new URL("../fixtures/seed-suzhou-n0.conf", import.meta.url), "utf8");
    const parsed = parseProperties(text);
    expect(parsed.problems).toEqual([]);
    expect(Object.keys(parsed.properties)).toHaveLength(12);
    expect(parsed.properties).toMatchObject({
      brokerName: "suzhou@broker",
      dLegerPeers: "n0-127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40913",
      brokerIP1: "192.168.65.237",
    });
  });
});

describe("escaping", () => {
  it("escapes separators and comment markers in keys", () => {
    expect(escapePropertyKey("a b=c:d#e!f")).toBe("a\\ b\\=c\\:d\\#e\\!f");
  });

  it("leaves separators in values readable and escapes only a leading space", () => {
    expect(escapePropertyValue("n0-10.0.0.1:40911;a=b#c!d")).toBe("n0-10.0.0.1:40911;a=b#c!d");
    expect(escapePropertyValue("  two")).toBe("\\  two");
  });

  it("escapes backslashes, control characters and non-ASCII as \\uXXXX", () => {
    expect(escapePropertyValue("C:\\dir\n\t\r\f")).toBe("C:\\\\dir\\n\\t\\r\\f");
    expect(escapePropertyValue("苏州😀\u0001\u007f")).toBe("\\u82CF\\u5DDE\\uD83D\\uDE00\\u0001\\u007F");
  });

  it("escapes non-ASCII in comments and splits multi-line comments", () => {
    expect(formatComment("集群 A\nsecond")).toBe("# \\u96C6\\u7FA4 A\n# second");
  });
});

describe("render then parse gives the same map", () => {
  const samples: [string, string][] = [
    ["plain", "value"],
    ["spaces", "  leading and trailing  "],
    ["separators", "a=b:c d#e!f"],
    ["leading#", "#not a comment"],
    ["leading!", "!bang"],
    ["backslashes", "\\\\server\\share\\"],
    ["newlines", "one\ntwo\r\nthree"],
    ["unicode", "苏州 Ωmega 😀"],
    ["controls", "\u0000\u0007\u001b"],
    ["empty", ""],
    ["key with spaces", "v"],
    ["k=:#!", "v"],
    ["#leadingHashKey", "v"],
    ["中文键", "值"],
  ];

  it.each(samples)("%j = %j", (key, value) => {
    expect(props(formatProperty(key, value))).toEqual({ [key]: value });
  });

  it("round-trips random strings", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ["a", "Z", "0", " ", "=", ":", "#", "!", "\\", "\n", "\r", "\t", "\f", "中", "é", "\u0000", "😀"];
    const randomString = () =>
      Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    for (let i = 0; i < 500; i++) {
      const entries = Array.from({ length: 3 }, (_, j): [string, string] => [`${randomString()}${j}`, randomString()]);
      const text = entries.map(([k, v]) => formatProperty(k, v)).join("\n");
      expect(props(text)).toEqual(Object.fromEntries(entries));
    }
  });
});
