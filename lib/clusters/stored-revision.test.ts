import { describe, expect, it } from "vitest";
import type { ClusterRevision } from "../db/generated/client";
import { renderAllFiles } from "../design";
import { runbookInput } from "../design/fixtures/lint-cases";
import { LINT_CORPUS } from "../design/fixtures/lint-corpus";
import { runbookSpec } from "../design/fixtures/specs";
import { lintNodes } from "../design/lint/lint";
import { translate } from "../i18n/translate";
import { parseRevision } from "./stored-revision";

const spec = runbookSpec("4.9.3");
const row = (findings: unknown[]) =>
  ({
    id: "r1",
    clusterId: "c1",
    number: 1,
    spec,
    files: renderAllFiles(spec),
    lint: { findings, counts: { error: findings.length, warning: 0, info: 0 } },
    note: "",
    createdById: null,
    createdAt: new Date(0),
  }) as unknown as ClusterRevision;

describe("a revision's stored lint findings", () => {
  const english =
    "Port 9876 on sz-1 (192.168.65.237) is used by NameServer (NameServer port) and suzhou@broker/n0 (fast channel (listenPort-2)); the process started second cannot bind it.";
  const finding = (text?: unknown) => ({
    ruleId: "port-collision",
    severity: "error",
    message: english,
    hint: "Move one of them to another port.",
    ...(text === undefined ? {} : { text }),
    location: { host: "192.168.65.237", key: "listenPort" },
  });
  const holders = [
    { key: "lint.ports.holder", values: { owner: "NameServer", purpose: { key: "lint.ports.nameServerPort" } } },
    { key: "lint.ports.holder", values: { owner: "suzhou@broker/n0", purpose: { key: "lint.ports.fastChannel" } } },
  ];
  const said = (text: unknown) => {
    const parsed = parseRevision(row([finding(text)])).lint.findings[0];
    return [translate(parsed.text!, "en"), translate(parsed.text!, "zh-CN")];
  };

  it("read as the linter writes them now, every rule's", () => {
    const written = LINT_CORPUS.flatMap((c) => {
      const input = runbookInput(c.version);
      c.edit(input);
      return lintNodes(input).filter((f) => f.ruleId === c.rule);
    });
    const stored = JSON.parse(JSON.stringify(written));
    expect(parseRevision(row(stored)).lint.findings).toEqual(stored);
  });

  it("read as the linter wrote them before its separators were everyone's, and say the same", () => {
    const before = {
      key: "lint.ports.collision",
      values: { port: "9876", host: "sz-1 (192.168.65.237)", holders: { join: "lint.join.and", items: holders } },
    };
    const now = {
      key: "lint.ports.collision",
      values: { port: 9876, host: "sz-1 (192.168.65.237)", holders: { items: holders, separator: "and" } },
    };
    expect(said(before)).toEqual(said(now));
    expect(said(now)[0]).toBe(english);
    expect(said(now)[1]).toContain("NameServer（NameServer 端口）、suzhou@broker/n0");
  });

  it("read without their text when saved before findings had one", () => {
    expect(parseRevision(row([finding()])).lint.findings[0]).not.toHaveProperty("text");
  });
});
