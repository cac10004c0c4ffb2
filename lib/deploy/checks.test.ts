import { describe, expect, it } from "vitest";
import { clockSkewMs, parseFreeSpace, parseJavaMajor } from "./checks";

describe("preflight parsers", () => {
  it("reads Java's major version in both numbering schemes", () => {
    expect(parseJavaMajor('openjdk version "17.0.9" 2023-10-17')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor("bash: java: command not found")).toBeNull();
  });

  it("reads free space per path in bytes", () => {
    expect(parseFreeSpace("/opt/rocketmq 1048576\n/data 2\n")).toEqual(
      new Map([
        ["/opt/rocketmq", 1024 ** 3],
        ["/data", 2048],
      ]),
    );
  });

  it("measures clock skew against the middle of the round trip", () => {
    expect(clockSkewMs(1000, 1600, 1200)).toBe(500);
    expect(clockSkewMs(1000, 1100, 1200)).toBe(0);
  });
});
