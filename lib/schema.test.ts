import { describe, expect, it } from "vitest";
import { attachClusterSchema } from "./topology/schema";
import { credentialSchema } from "./inventory/schema";
import { clusterSettingsSchema } from "./design";
import { bigintCursorText, displayName, int4Text } from "./schema";

describe("shared boundary schemas", () => {
  it("reads int4 numbers written in digits only", () => {
    const limit = int4Text("limit", 1, 1000);
    expect(limit.parse("1000")).toBe(1000);
    for (const bad of ["0", "1001", "1e2", "-5", "+5", "0x1f", "", "12.0", "9".repeat(30)])
      expect(limit.safeParse(bad).success, bad).toBe(false);
  });

  it("reads a BigInt cursor up to int8's maximum", () => {
    expect(bigintCursorText.parse("9223372036854775807")).toBe(9223372036854775807n);
    for (const bad of ["9223372036854775808", "99999999999999999999", "-1", "1 "])
      expect(bigintCursorText.safeParse(bad).success, bad).toBe(false);
  });

  it("keeps display names to one readable line, in every schema that has one", () => {
    const name = displayName("name");
    expect(name.parse("  Suzhou — 苏州 DC  ")).toBe("Suzhou — 苏州 DC");
    const spoofs = [
      "a\nb",
      "a\rb",
      "a\u0085b",
      "a\u2028b",
      "a\u2029b",
      "a\u202Ab",
      "a\u202Eb",
      "a\u2066b",
      "a\u2069b",
      "a\u200Eb",
      "a\u200Fb",
      "a\u061Cb",
      "a\u001bb",
    ];
    for (const spoof of spoofs) {
      expect(name.safeParse(spoof).success, JSON.stringify(spoof)).toBe(false);
      expect(credentialSchema.safeParse({ kind: "password", name: spoof, password: "pw" }).success).toBe(false);
      expect(attachClusterSchema.safeParse({ name: spoof, nameServers: "10.0.0.1:9876" }).success).toBe(false);
      expect(clusterSettingsSchema.safeParse({ name: spoof, brokerClusterName: "Raft", rocketmqVersion: "4.9.3" }).success).toBe(false);
    }
    expect(name.safeParse("x".repeat(101)).success).toBe(false);
  });
});
