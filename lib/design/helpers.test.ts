import { describe, expect, it } from "vitest";
import { ALL_BROKER_KEYS, BROKER_KEYS_4, BROKER_KEYS_5 } from "./render/broker-keys";
import { isSameOrInside, normalizePath, pathsOverlap, safeFileSegment } from "./model/paths";
import { formatPeers, isIpLiteral, isLoopbackAddress, parsePeers } from "./model/peers";
import { editDistance, suggestKey } from "./lint/suggest";
import {
  compareVersions,
  isVersion5,
  knownVulnerabilities,
  parseVersion,
  supportsDLedger,
  upgradeTarget,
  versionAdvisories,
} from "./model/version";

describe("versions", () => {
  it.each([
    ["4.9.3", { major: 4, minor: 9, patch: 3 }],
    ["5.3.x", { major: 5, minor: 3, patch: null }],
    [" 5.1.4 ", { major: 5, minor: 1, patch: 4 }],
    ["4.9", null],
    ["v4.9.3", null],
    ["4.9.3-SNAPSHOT", null],
  ])("parses %j", (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
  });

  it("compares numerically and treats x as the oldest patch", () => {
    expect(compareVersions("4.9.10", "4.9.9")).toBeGreaterThan(0);
    expect(compareVersions("5.3.x", "5.3.0")).toBe(0);
    expect(compareVersions("4.9.8", "5.0.0")).toBeLessThan(0);
    expect(() => compareVersions("4.9", "4.9.1")).toThrow(/Cannot compare/);
  });

  it("tells 5.x from 4.x and knows DLedger arrived in 4.5.0", () => {
    expect([isVersion5("4.9.8"), isVersion5("5.0.0"), isVersion5("6.0.x"), isVersion5("junk")]).toEqual([false, true, true, false]);
    expect([supportsDLedger("4.4.0"), supportsDLedger("4.5.0"), supportsDLedger("5.3.x"), supportsDLedger("x")]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it.each([
    ["4.9.3", ["CVE-2023-33246", "CVE-2023-37582"]],
    ["4.9.5", ["CVE-2023-33246", "CVE-2023-37582"]],
    ["4.9.6", ["CVE-2023-37582"]],
    ["4.9.7", []],
    ["4.9.8", []],
    ["4.9.x", ["CVE-2023-33246", "CVE-2023-37582"]],
    ["5.0.0", ["CVE-2023-33246", "CVE-2023-37582"]],
    ["5.1.0", ["CVE-2023-33246", "CVE-2023-37582"]],
    ["5.1.1", ["CVE-2023-37582"]],
    ["5.1.2", []],
    ["5.3.x", []],
    ["junk", []],
  ])("%s is exposed to %j", (version, advisories) => {
    expect(knownVulnerabilities(version)).toEqual(advisories);
  });

  it("lists the seed's 4.9.3 advisories with where each is fixed and the pinned 4.9.7 to upgrade to", () => {
    expect(versionAdvisories("4.9.3")).toEqual([
      {
        id: "CVE-2023-33246",
        kind: "vulnerability",
        what: { key: "advisories.remoteCodeExecution" },
        fixedIn: "4.9.6",
        upgradeTo: "4.9.7",
      },
      {
        id: "CVE-2023-37582",
        kind: "vulnerability",
        what: { key: "advisories.remoteCodeExecution" },
        fixedIn: "4.9.7",
        upgradeTo: "4.9.7",
      },
      { id: "apache/rocketmq#4415", kind: "defect", what: { key: "advisories.dledgerIdleSpin" }, fixedIn: "4.9.4", upgradeTo: "4.9.7" },
    ]);
  });

  it.each([
    ["4.9.4", ["CVE-2023-33246", "CVE-2023-37582"]],
    ["4.9.7", []],
    ["5.0.0", ["CVE-2023-33246", "CVE-2023-37582"]],
    ["5.5.0", []],
    ["junk", []],
  ])("%s has the advisories %j (the idle spin only below 4.9.4)", (version, ids) => {
    expect(versionAdvisories(version).map((a) => a.id)).toEqual(ids);
  });

  it.each([
    ["4.9.3", "4.9.7"],
    ["4.5.0", "4.9.7"],
    ["4.9.x", "4.9.7"],
    ["5.0.0", "5.5.0"],
    ["5.1.1", "5.5.0"],
    ["4.9.7", null],
    ["4.9.8", null],
    ["5.5.0", null],
    ["junk", null],
  ])("upgrades %s within its line to the pinned %s", (version, target) => {
    expect(upgradeTarget(version)).toBe(target);
  });
});

describe("dLegerPeers parsing", () => {
  it("reads well-formed peers, host names with dashes included", () => {
    expect(parsePeers("n0-10.0.0.1:40911;n1-broker-b.example:40912;")).toEqual({
      members: [
        { id: "n0", host: "10.0.0.1", port: 40911 },
        { id: "n1", host: "broker-b.example", port: 40912 },
      ],
      problems: [],
    });
  });

  it.each([
    [undefined, "dLegerPeers is empty"],
    ["", "dLegerPeers is empty"],
    ["n0:10.0.0.1:40911", "is not of the form"],
    ["-10.0.0.1:40911", "is not of the form"],
    ["n0-10.0.0.1", "needs a host and a port"],
    ["n0-10.0.0.1:99999", "needs a host and a port"],
    ["n0-:40911", "needs a host and a port"],
    ["n0-a:1;;n1-b:2", "an empty entry"],
    ["n0-a:1; n1-b:2", "contains whitespace"],
    ["n0-a:1;n0-b:2", "selfId n0 appears twice"],
    ["n0-a:1;n1-a:1", "address a:1 appears twice"],
  ])("reports %j", (value, problem) => {
    expect(parsePeers(value).problems.join("\n")).toContain(problem);
  });

  it("formats members back to the same text", () => {
    const text = "n0-10.0.0.1:40911;n1-10.0.0.2:40911";
    expect(formatPeers(parsePeers(text).members)).toBe(text);
  });

  it.each([
    ["10.0.0.1", true],
    ["fe80::1", true],
    ["broker-1.local", false],
    ["10.0.0", false],
  ])("%s is an IP literal: %s", (host, expected) => {
    expect(isIpLiteral(host)).toBe(expected);
  });

  it.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["localhost", true],
    ["LOCALHOST", true],
    ["::1", true],
    ["0.0.0.0", true],
    ["192.168.65.237", false],
    ["broker-1.local", false],
  ])("%s is loopback: %s", (host, expected) => {
    expect(isLoopbackAddress(host)).toBe(expected);
  });
});

describe("paths", () => {
  it("normalizes", () => {
    expect(normalizePath("/opt//rocketmq/./store/../store/")).toBe("/opt/rocketmq/store");
    expect(normalizePath("~/store/")).toBe("~/store");
    expect(normalizePath("/")).toBe("/");
  });

  it("detects nesting without being fooled by shared prefixes", () => {
    expect(isSameOrInside("/a/b/commitlog", "/a/b")).toBe(true);
    expect(isSameOrInside("/a/b", "/a/b/")).toBe(true);
    expect(isSameOrInside("/a/bc", "/a/b")).toBe(false);
    expect(isSameOrInside("/anything", "/")).toBe(true);
    expect(pathsOverlap("/a", "/a/b")).toBe(true);
    expect(pathsOverlap("/a/c", "/a/b")).toBe(false);
  });

  it("makes file names safe", () => {
    expect(safeFileSegment("suzhou@broker")).toBe("suzhou@broker");
    expect(safeFileSegment("a/b c:d")).toBe("a_b_c_d");
    expect(safeFileSegment("..")).toBe("_");
  });
});

describe("known broker keys", () => {
  it("holds the keys RocketMQ reads, per major version", () => {
    for (const key of ["listenPort", "brokerIP1", "dLegerPeers", "storePathCommitLog", "sendMessageThreadPoolNums", "preferredLeaderId"]) {
      expect(BROKER_KEYS_4.has(key) && BROKER_KEYS_5.has(key)).toBe(true);
    }
    expect(BROKER_KEYS_5.has("enableControllerMode")).toBe(true);
    expect(BROKER_KEYS_4.has("enableControllerMode")).toBe(false);
    expect(BROKER_KEYS_4.has("haSlaveFallbehindMax")).toBe(true);
    expect(ALL_BROKER_KEYS.has("dLedgerPeers")).toBe(false);
  });
});

describe("did-you-mean suggestions", () => {
  it("measures edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it.each([
    ["dlegerPeers", "dLegerPeers"],
    ["dLedgerPeers", "dLegerPeers"],
    ["dLedgerSelfId", "dLegerSelfId"],
    ["brokerIp1", "brokerIP1"],
    ["listenport", "listenPort"],
    ["storePathCommitlog", "storePathCommitLog"],
    ["sendMessageThreadPoolNum", "sendMessageThreadPoolNums"],
    ["namesrvAdr", "namesrvAddr"],
  ])("%s → %s", (typo, expected) => {
    expect(suggestKey(typo, ALL_BROKER_KEYS)).toBe(expected);
  });

  it("suggests nothing for a key unlike any other", () => {
    expect(suggestKey("totallyUnrelatedSetting", ALL_BROKER_KEYS)).toBeUndefined();
  });
});
