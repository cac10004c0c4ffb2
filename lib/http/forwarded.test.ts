import { describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClient } from "./forwarded";

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies("10.0.0.5, 10.1.0.0/16, ::1");

describe("resolveClient", () => {
  it("takes the socket's peer and scheme when no proxy is trusted, whatever the client claims", () => {
    expect(
      resolveClient({ peer: "203.0.113.7", encrypted: false, forwardedFor: "1.2.3.4", forwardedProto: "https", trusted: none }),
    ).toEqual({
      address: "203.0.113.7",
      proto: "http",
      viaTrustedProxy: false,
    });
    expect(resolveClient({ peer: "::ffff:203.0.113.7", encrypted: true, trusted: none })).toMatchObject({
      address: "203.0.113.7",
      proto: "https",
    });
  });

  it("ignores X-Forwarded-For from a peer that is not in the trusted list", () => {
    expect(resolveClient({ peer: "10.2.0.1", encrypted: false, forwardedFor: "9.9.9.9", trusted: proxies }).address).toBe("10.2.0.1");
  });

  it("behind a trusted proxy, takes the rightmost entry that is not itself a trusted proxy", () => {
    // The client wrote "6.6.6.6" itself; the edge proxy appended the address it saw, the inner one its own.
    const forwardedFor = "6.6.6.6, 198.51.100.20, 10.1.3.4";
    expect(resolveClient({ peer: "10.0.0.5", encrypted: false, forwardedFor, trusted: proxies }).address).toBe("198.51.100.20");
    expect(
      resolveClient({ peer: "::ffff:10.0.0.5", encrypted: false, forwardedFor: ["6.6.6.6", "198.51.100.20"], trusted: proxies }).address,
    ).toBe("198.51.100.20");
    expect(resolveClient({ peer: "::1", encrypted: false, forwardedFor: "2001:db8::7", trusted: proxies }).address).toBe("2001:db8::7");
  });

  it("falls back sensibly when a trusted proxy sends nothing usable", () => {
    expect(resolveClient({ peer: "10.0.0.5", encrypted: false, trusted: proxies }).address).toBe("10.0.0.5");
    expect(resolveClient({ peer: "10.0.0.5", encrypted: false, forwardedFor: "not-an-ip, ", trusted: proxies }).address).toBe("10.0.0.5");
    // Every hop trusted: the leftmost one is the closest thing to a client.
    expect(resolveClient({ peer: "10.0.0.5", encrypted: false, forwardedFor: "10.1.0.9, 10.1.0.8", trusted: proxies }).address).toBe(
      "10.1.0.9",
    );
  });

  it("believes X-Forwarded-Proto only from a trusted proxy, and only http or https", () => {
    expect(resolveClient({ peer: "10.0.0.5", encrypted: false, forwardedProto: "https", trusted: proxies }).proto).toBe("https");
    expect(resolveClient({ peer: "10.0.0.5", encrypted: false, forwardedProto: "gopher", trusted: proxies }).proto).toBe("http");
    expect(resolveClient({ peer: "10.9.0.5", encrypted: false, forwardedProto: "https", trusted: proxies }).proto).toBe("http");
  });

  it("refuses a malformed trusted-proxy setting instead of trusting something unintended", () => {
    expect(() => parseTrustedProxies("10.0.0.0/x")).toThrow(/not an IP address or CIDR/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/proxy.internal/);
  });
});
