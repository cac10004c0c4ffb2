import { describe, expect, it } from "vitest";
import { isMalformedRouterState } from "./router-state";

describe("the Next-Router-State-Tree check", () => {
  it("accepts what the browser sends, and no header at all", () => {
    const tree = [
      "",
      { children: ["(panel)", { children: ["datacenters", { children: ["__PAGE__", {}, null, null] }, null, null] }, null, null] },
      null,
      null,
      1,
    ];
    expect(isMalformedRouterState(encodeURIComponent(JSON.stringify(tree)))).toBe(false);
    expect(isMalformedRouterState(undefined)).toBe(false);
  });

  it.each(["%", "not-json", "[]", '["",{"children":[1]}]', '["",{"children":"x"}]', "x".repeat(50_000)])("refuses %s", (header) => {
    expect(isMalformedRouterState(header.startsWith("[") ? encodeURIComponent(header) : header)).toBe(true);
  });

  it("refuses the header sent twice", () => {
    expect(isMalformedRouterState(["[]", "[]"])).toBe(true);
  });
});
