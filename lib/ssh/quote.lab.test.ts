import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import type { SshSession } from "./session";
import { shellJoin, shellQuote } from "./quote";

const NASTY = [
  ";rm -rf /",
  "'",
  "''",
  '"',
  `a'b"c`,
  "it's",
  "line one\nline two",
  "\n",
  "$(id)",
  "`id`",
  "${HOME}",
  "$HOME",
  "*",
  "~",
  "~root",
  "\\",
  "back\\slash\\'",
  "",
  " ",
  "\t tab",
  "-n",
  "--",
  "A=b",
  "!",
  "!!",
  "#not a comment",
  "a && b || c | d > e < f",
  "{a,b}",
  "[abc]",
  "%s %d",
  "ünïcødé ✓ 日本",
  "\u0001\u0002\u001b[31m\u007f",
  Array.from({ length: 127 }, (_, i) => String.fromCharCode(i + 1)).join(""),
];

describe("shellQuote", () => {
  it("leaves plain words readable and quotes everything else", () => {
    expect(shellQuote("/opt/rocketmq-4.9.3/bin")).toBe("/opt/rocketmq-4.9.3/bin");
    expect(shellQuote("broker-a.conf")).toBe("broker-a.conf");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("A=b")).toBe("'A=b'");
    expect(shellJoin(["echo", "a b", "c"])).toBe("echo 'a b' c");
  });

  it("refuses a NUL byte, which no argv can carry", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
    expect(() => shellJoin([])).toThrow();
  });

  it.each(["dash", "bash"])("round-trips every nasty input through %s unchanged", (shell) => {
    for (const input of NASTY) {
      const out = execFileSync(shell, ["-c", `printf %s ${shellQuote(input)}`]);
      expect(out.toString("utf8")).toBe(input);
    }
  });
});

describe("shellQuote through a real sshd", () => {
  let session: SshSession;
  beforeAll(async () => {
    session = await connectToLabHost(inject("labHosts")[0]);
  });
  afterAll(() => session?.close());

  it("delivers each argument byte for byte to the remote program", async () => {
    const result = await session.exec(["printf", "%s\\0", ...NASTY]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split("\0").slice(0, -1)).toEqual(NASTY);
  });

  it("passes script arguments as data, never as code", async () => {
    const result = await session.exec({ script: 'for a in "$@"; do printf "%s\\0" "$a"; done', args: NASTY });
    expect(result.stdout.split("\0").slice(0, -1)).toEqual(NASTY);
  });
});
