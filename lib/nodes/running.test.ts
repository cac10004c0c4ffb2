import { describe, expect, it } from "vitest";
import { parseListening } from "./running";

describe("what a host says about its nodes and ports", () => {
  it("reads listening ports from /proc/net/tcp and tcp6 addresses", () => {
    const lines = [
      "RUNNING /x",
      "   0: 00000000:2694 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1145 1 0000000000000000 100 0 0 10 0",
      "   1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1146 1 0000000000000000 100 0 0 10 0",
      "   0: 00000000000000000000000000000000:78DF 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1147 1 0000000000000000 100 0 0 10 0",
      "garbage",
    ];
    const { running, ports } = parseListening(lines.join("\n"));
    expect([...ports].sort((a, b) => a - b)).toEqual([22, 9876, 30943]);
    expect([...running]).toEqual(["/x"]);
  });
});
