import { describe, expect, it } from "vitest";
import { runbookInput, setProp, SZ } from "../fixtures/lint-cases";
import { runbookSpec } from "../fixtures/specs";
import { compareFindings, countBySeverity, LINT_RULES, lintNodes, lintSpec } from "./lint";
import type { Finding, LintRule } from "./types";

describe("the rule table", () => {
  it("has unique kebab-case ids, a summary and a hint for every rule", () => {
    const ids = LINT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of LINT_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.hint.length).toBeGreaterThan(10);
    }
  });

  it("lists the rules the brief asks for", () => {
    const ids = new Set(LINT_RULES.map((r) => r.id));
    for (const id of [
      "port-collision",
      "dledger-port-collision",
      "store-path-collision",
      "peers-inconsistent",
      "peer-address-mismatch",
      "self-id-not-in-peers",
      "self-id-duplicate",
      "self-id-malformed",
      "dledger-group-name",
      "group-size",
      "node-datacenter-mismatch",
      "peers-loopback",
      "group-same-host",
      "unknown-key",
      "broker-ip-required",
      "peers-malformed",
      "rocketmq-version-cve",
      "cluster-name-inconsistent",
      "namesrv-addr-missing",
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});

describe("lintSpec", () => {
  it("puts errors first, then warnings, then infos", () => {
    const spec = runbookSpec("4.9.3");
    spec.groups[0].nodes[0].extraProperties = { brokerRole: "SYNC_MASTER", dLedgerPeers: "x", haSendHeartbeatInterval: "5000" };
    spec.groups[1].nodes[0].listenPort = 9878;
    const findings = lintSpec(spec);
    // brokerRole on a DLedger broker is an error (issue 19): DLedger decides the role.
    expect(findings.map((f) => [f.severity, f.ruleId])).toEqual([
      ["error", "dledger-ignored-key"],
      ["error", "port-collision"],
      ["warning", "rocketmq-dledger-idle-spin"],
      ["warning", "rocketmq-version-cve"],
      ["warning", "unknown-key"],
      ["info", "dledger-ha-key"],
    ]);
    expect(countBySeverity(findings)).toEqual({ error: 2, warning: 3, info: 1 });
  });

  it("points findings at group, node, host and key, with the rule's hint", () => {
    const input = runbookInput();
    setProp(input, SZ, "n1", "dLedgerSelfId", "n1");
    const [finding] = lintNodes(input);
    expect(finding).toEqual({
      ruleId: "unknown-key",
      severity: "warning",
      message: "dLedgerSelfId on suzhou@broker/n1 is not a RocketMQ broker setting and is silently ignored. Did you mean dLegerSelfId?",
      hint: "Fix the spelling (keys are case-sensitive) or remove the key.",
      text: {
        key: "lint.unknownKey.withSuggestion",
        values: { key: "dLedgerSelfId", node: "suzhou@broker/n1", suggestion: "dLegerSelfId" },
      },
      hintText: { key: "lint.unknownKey.hint" },
      location: { group: SZ, node: "n1", host: "192.168.65.238", key: "dLedgerSelfId" },
    });
  });

  it("runs only the rules it is given", () => {
    const always: LintRule = { id: "always", severity: "info", summary: "s", hint: "h", check: () => [{ message: "m", location: {} }] };
    expect(lintNodes(runbookInput(), [always])).toEqual([{ ruleId: "always", severity: "info", message: "m", hint: "h", location: {} }]);
  });
});

describe("compareFindings", () => {
  const f = (severity: Finding["severity"], ruleId: string, group?: string): Finding => ({
    severity,
    ruleId,
    message: "",
    hint: "",
    location: { group },
  });

  it("orders by severity, rule, then location", () => {
    const sorted = [f("info", "a"), f("warning", "b", "y"), f("error", "z"), f("warning", "b", "x"), f("warning", "a")].sort(
      compareFindings,
    );
    expect(sorted.map((x) => `${x.severity}:${x.ruleId}:${x.location.group ?? ""}`)).toEqual([
      "error:z:",
      "warning:a:",
      "warning:b:x",
      "warning:b:y",
      "info:a:",
    ]);
  });
});
