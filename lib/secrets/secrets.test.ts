import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./index";

describe("secrets at rest", () => {
  it("round-trips and never contains the plaintext", () => {
    const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";
    const sealed = encryptSecret(key);
    expect(sealed).not.toContain("OPENSSH");
    expect(sealed).toMatch(/^v1\./);
    expect(decryptSecret(sealed)).toBe(key);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("detects tampering", () => {
    const sealed = encryptSecret("password");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("passwore").toString("base64url");
    expect(() => decryptSecret(parts.join("."))).toThrow(/cannot be decrypted/);
  });
});
