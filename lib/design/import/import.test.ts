import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { translate } from "../../i18n/translate";
import { completeDraft } from "../placement/allocate";
import { runbookHosts } from "../fixtures/specs";
import { importBrokerConfs, lintImport, type ImportFile } from "./import";
import { lintSpec } from "../lint/lint";
import type { Finding } from "../lint/types";

const seed = (dc: "suzhou" | "shanghai") => readFileSync(new URL(`../fixtures/seed-${dc}-n0.conf`, import.meta.url), "utf8");

/** The runbook's n0 example, copied for n1/n2 the way its text suggests: only the id and IP changed. */
function runbookCopy(dc: "suzhou" | "shanghai", selfId: string, ip: string): ImportFile {
  const text = seed(dc)
    .replace("dLegerSelfId=n0", `dLegerSelfId=${selfId}`)
    .replace(/brokerIP1=.*/, `brokerIP1=${ip}`);
  return { fileName: `${dc}-${selfId}.conf`, text };
}

const runbookFiles: ImportFile[] = [
  { fileName: "suzhou-n0.conf", text: seed("suzhou") },
  runbookCopy("suzhou", "n1", "192.168.65.238"),
  runbookCopy("suzhou", "n2", "192.168.65.240"),
  { fileName: "shanghai-n0.conf", text: seed("shanghai") },
  runbookCopy("shanghai", "n1", "192.168.65.241"),
  runbookCopy("shanghai", "n2", "192.168.65.242"),
];

const options = { rocketmqVersion: "4.9.3", hosts: runbookHosts() };
const ids = (findings: Finding[], severity: Finding["severity"]) =>
  [...new Set(findings.filter((f) => f.severity === severity).map((f) => f.ruleId))].sort();
const where = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => f.location);

describe("importing the runbook's configs as the nodes of its two-center topology", () => {
  const result = importBrokerConfs(runbookFiles, options);
  const findings = lintImport(result);

  it("rebuilds groups by brokerName, nodes by dLegerSelfId and hosts from brokerIP1", () => {
    expect(result.problems).toEqual([]);
    expect(result.draft.groups.map((g) => [g.brokerName, g.datacenterCode, g.nodes.map((n) => `${n.selfId}@${n.hostId}`)])).toEqual([
      ["suzhou@broker", "suzhou", ["n0@sz-1", "n1@sz-2", "n2@sz-3"]],
      ["shanghai@broker", "shanghai", ["n0@sh-1", "n1@sh-2", "n2@sh-3"]],
    ]);
    expect(result.draft.nameServers).toEqual([
      { hostId: "sz-1", address: "192.168.65.237", port: 9876 },
      { hostId: "sh-1", address: "192.168.65.239", port: 9876 },
    ]);
    expect(result.draft.groups[0].nodes[1]).toMatchObject({
      listenPort: 30911,
      dLegerPort: 40912,
      storePathRootDir: "/tmp/rmqstore/node00",
      extraProperties: {},
    });
    expect(result.draft.cluster).toMatchObject({ name: "RaftCluster", brokerClusterName: "RaftCluster", rocketmqVersion: "4.9.3" });
  });

  it("flags the loopback peers of groups spread over three hosts", () => {
    expect(ids(findings, "error")).toEqual(["peer-address-mismatch", "peers-loopback"]);
    expect(where(findings, "peers-loopback")).toEqual([
      { group: "shanghai@broker", key: "dLegerPeers" },
      { group: "suzhou@broker", key: "dLegerPeers" },
    ]);
    expect(findings.find((f) => f.ruleId === "peer-address-mismatch")?.message).toBe(
      "dLegerPeers says n0 is at 127.0.0.1:40911, but shanghai@broker/n0 runs on sh-1 (192.168.65.239); the other nodes cannot reach it there.",
    );
    expect(where(findings, "peer-address-mismatch")).toHaveLength(6);
  });

  it("warns about the vulnerable 4.9.3, its idle leader's spin and the store under /tmp", () => {
    expect(ids(findings, "warning")).toEqual(["rocketmq-dledger-idle-spin", "rocketmq-version-cve", "store-path-temporary"]);
  });

  it("produces a draft that, completed and re-rendered by the panel, lints without errors", () => {
    const completed = completeDraft(result.draft);
    if (!completed.ok) throw new Error(JSON.stringify(completed.errors));
    expect(ids(lintSpec(completed.spec), "error")).toEqual([]);
  });
});

describe("importing only the two examples", () => {
  it("on their own hosts: one-node groups that name members nobody has, and peers without the node's address", () => {
    const findings = lintImport(
      importBrokerConfs(
        runbookFiles.filter((f) => f.fileName.endsWith("n0.conf")),
        options,
      ),
    );
    expect(ids(findings, "error")).toEqual(["peer-address-mismatch"]);
    expect(ids(findings, "warning")).toEqual([
      "group-size",
      "peers-unknown-member",
      "rocketmq-dledger-idle-spin",
      "rocketmq-version-cve",
      "store-path-temporary",
    ]);
    expect(where(findings, "peers-unknown-member").map((l) => `${l.group}/${l.node}`)).toEqual([
      "shanghai@broker/n1",
      "shanghai@broker/n2",
      "suzhou@broker/n1",
      "suzhou@broker/n2",
    ]);
  });

  it("on one machine: the same listenPort, DLedger port and store directory collide", () => {
    const files = [
      { fileName: "suzhou-n0.conf", text: seed("suzhou"), hostAddress: "192.168.65.237" },
      { fileName: "shanghai-n0.conf", text: seed("shanghai"), hostAddress: "192.168.65.237" },
    ];
    const findings = lintImport(importBrokerConfs(files, options));
    expect(ids(findings, "error")).toEqual(
      ["peer-address-mismatch", "port-collision", "store-path-collision", "dledger-port-collision"].sort(),
    );
    const messages = findings.filter((f) => f.severity === "error").map((f) => f.message);
    expect(messages).toContain(
      "Port 30911 on sz-1 (192.168.65.237) is used by suzhou@broker/n0 (listenPort) and shanghai@broker/n0 (listenPort); the process started second cannot bind it.",
    );
    expect(messages.some((m) => m.includes("both use /tmp/rmqstore/node00"))).toBe(true);
    expect(ids(findings, "warning")).toContain("broker-ip-foreign");
  });

  it("copied to n1 and n2 on the same host without changing port or paths", () => {
    const files = ["n0", "n1", "n2"].map((id) => ({ ...runbookCopy("suzhou", id, "192.168.65.237"), hostAddress: "192.168.65.237" }));
    const findings = lintImport(importBrokerConfs(files, options));
    expect(ids(findings, "error")).toEqual(["port-collision", "store-path-collision"]);
    expect(where(findings, "store-path-collision")).toHaveLength(3);
    expect(ids(findings, "warning")).toContain("group-same-host");
  });
});

describe("import problems", () => {
  it("asks for the host when a file has no brokerIP1", () => {
    const result = importBrokerConfs([{ fileName: "a.conf", text: "brokerName=b\ndLegerSelfId=n0\n" }]);
    expect(result.problems).toEqual([
      {
        file: "a.conf",
        severity: "error",
        message: "cannot tell which host runs this file: it has no brokerIP1; give the host's address",
        text: { key: "importer.problems.noHost" },
      },
    ]);
    expect(result.draft.groups[0].nodes[0].hostId).toBeUndefined();
  });

  it("still lints a file whose host is unknown, skipping only the host checks", () => {
    const text = seed("suzhou")
      .replace(/brokerIP1=.*\n?/, "")
      .replace("dLegerSelfId=n0", "dLegerSelfId=node0");
    const result = importBrokerConfs([{ fileName: "a.conf", text }]);
    const findings = lintImport(result);
    expect(findings.map((f) => f.ruleId)).toContain("self-id-malformed");
    expect(findings.every((f) => f.location.host === undefined)).toBe(true);
  });

  it("leaves a missing dLegerSelfId empty, so completing the draft asks for it", () => {
    const text = seed("suzhou").replace("dLegerSelfId=n0", "");
    const result = importBrokerConfs([{ fileName: "a.conf", text }], options);
    expect(result.draft.groups[0].nodes[0].selfId).toBe("");
    const completed = completeDraft(result.draft);
    expect(completed.ok ? [] : completed.errors).toContainEqual({
      path: "groups[0].nodes[0].selfId",
      message: "selfId must be a letter followed by digits, like n0",
    });
  });

  it("passes on parse problems with file and line, and notices empty files", () => {
    const result = importBrokerConfs([
      { fileName: "a.conf", text: "brokerIP1=10.0.0.1\nlistenPort=1\nlistenPort=30911\n" },
      { fileName: "b.conf", text: "# nothing\n", hostAddress: "10.0.0.2" },
    ]);
    expect(result.problems).toEqual([
      {
        file: "a.conf",
        line: 3,
        severity: "warning",
        message: "listenPort is set more than once; the last value (30911) wins",
        text: { key: "importer.problems.repeatedKey", values: { key: "listenPort", value: "30911" } },
      },
      { file: "b.conf", severity: "warning", message: "the file sets no properties", text: { key: "importer.problems.noProperties" } },
    ]);
  });

  it("makes up hosts from addresses when no inventory is given, without datacenters", () => {
    const result = importBrokerConfs([{ fileName: "suzhou-n0.conf", text: seed("suzhou") }]);
    expect(result.draft.hosts.map((h) => [h.id, h.datacenterId])).toEqual([
      ["address:192.168.65.237", "unassigned"],
      ["address:192.168.65.239", "unassigned"],
    ]);
    expect(result.draft.cluster.rocketmqVersion).toBe("");
    expect(lintImport(result).some((f) => f.ruleId === "node-datacenter-mismatch" || f.ruleId === "rocketmq-version-cve")).toBe(false);
  });

  it("keeps unmanaged keys as extra properties", () => {
    const text = `${seed("suzhou")}\nmaxMessageSize=8388608\nbrokerRole=SYNC_MASTER\n`;
    const node = importBrokerConfs([{ fileName: "x.conf", text }]).draft.groups[0].nodes[0];
    expect(node.extraProperties).toEqual({ maxMessageSize: "8388608", brokerRole: "SYNC_MASTER" });
  });

  it("says each problem in English as before, and in Chinese", () => {
    const files = [
      { fileName: "a.conf", text: "listenPort=1\nlistenPort=2\nbad=\\u12G4\n" },
      { fileName: "b.conf", text: "# nothing\n" },
    ];
    const { problems } = importBrokerConfs(files);
    expect(problems.map((p) => p.message)).toEqual([
      "listenPort is set more than once; the last value (2) wins",
      'malformed \\u escape "\\u12G4" (Java refuses to load this file)',
      "cannot tell which host runs this file: it has no brokerIP1; give the host's address",
      "the file sets no properties",
      "cannot tell which host runs this file: it has no brokerIP1; give the host's address",
    ]);
    expect(problems.map((p) => translate(p.text, "en"))).toEqual(problems.map((p) => p.message));
    expect(problems.map((p) => translate(p.text, "zh-CN"))).toEqual([
      "listenPort 被设置了多次；以最后一个值（2）为准",
      '\\u 转义 "\\u12G4" 格式错误（Java 会拒绝加载此文件）',
      "无法判断此文件运行在哪台主机上：它没有 brokerIP1；请填写主机地址",
      "该文件没有设置任何属性",
      "无法判断此文件运行在哪台主机上：它没有 brokerIP1；请填写主机地址",
    ]);
  });
});
