import { describe, expect, it } from "vitest";
import { runbookSpec } from "../fixtures/specs";
import type { ClusterSpecInput, SpecError } from "./schema";
import { clusterDraftSchema, formatPath, validateSpec } from "./schema";

function errorsAfter(edit: (spec: ClusterSpecInput & Record<string, unknown>) => void): SpecError[] {
  const spec = structuredClone(runbookSpec()) as ClusterSpecInput & Record<string, unknown>;
  edit(spec);
  const result = validateSpec(spec);
  return result.ok ? [] : result.errors;
}

describe("validateSpec", () => {
  it("accepts the runbook cluster and survives a JSON round trip (stored revisions)", () => {
    const spec = runbookSpec();
    expect(validateSpec(JSON.parse(JSON.stringify(spec)))).toEqual({ ok: true, spec });
  });

  it("fills defaults for omitted settings", () => {
    const spec = structuredClone(runbookSpec()) as ClusterSpecInput;
    const { installDir: _i, flushDiskType: _f, defaults: _d, ...cluster } = spec.cluster;
    delete spec.schemaVersion;
    const nameServers = spec.nameServers.map(({ port: _p, ...ns }) => ns);
    const result = validateSpec({ ...spec, cluster, nameServers });
    expect(result.ok && result.spec.cluster).toMatchObject({
      installDir: "/opt/rocketmq",
      flushDiskType: "ASYNC_FLUSH",
      defaults: { heapMb: 2048, sendMessageThreadPoolNums: 4, listenPortBase: 30911, dLegerPortBase: 40911 },
    });
    expect(result.ok && result.spec.nameServers[0].port).toBe(9876);
    expect(result.ok && result.spec.schemaVersion).toBe(1);
  });

  it.each<[string, (s: any) => void, SpecError]>([
    [
      "listenPort too low",
      (s) => (s.groups[0].nodes[0].listenPort = 80),
      {
        path: "groups[0].nodes[0].listenPort",
        message: "listenPort must be between 1026 and 65534 (the broker also opens listenPort-2 and listenPort+1)",
      },
    ],
    [
      "listenPort not a number",
      (s) => (s.groups[0].nodes[0].listenPort = "30911"),
      { path: "groups[0].nodes[0].listenPort", message: "listenPort must be a number" },
    ],
    [
      "dLegerPort too high",
      (s) => (s.groups[0].nodes[1].dLegerPort = 70000),
      { path: "groups[0].nodes[1].dLegerPort", message: "dLegerPort must be between 1024 and 65535" },
    ],
    [
      "missing dLegerPort",
      (s) => delete s.groups[0].nodes[1].dLegerPort,
      { path: "groups[0].nodes[1].dLegerPort", message: "dLegerPort is required" },
    ],
    [
      "unplaced node",
      (s) => delete s.groups[1].nodes[0].hostId,
      { path: "groups[1].nodes[0].hostId", message: "hostId is required: place the node on a host" },
    ],
    [
      "selfId without digits",
      (s) => (s.groups[0].nodes[0].selfId = "node"),
      { path: "groups[0].nodes[0].selfId", message: "selfId must be a letter followed by digits, like n0" },
    ],
    [
      "relative store path",
      (s) => (s.groups[0].nodes[0].storePathRootDir = "store"),
      {
        path: "groups[0].nodes[0].storePathRootDir",
        message: "storePathRootDir must be an absolute path without spaces, like /opt/rocketmq/store",
      },
    ],
    [
      "tiny heap",
      (s) => (s.groups[0].nodes[0].heapMb = 128),
      { path: "groups[0].nodes[0].heapMb", message: "heapMb must be at least 256 (MB)" },
    ],
    [
      "brokerName with a slash",
      (s) => (s.groups[0].brokerName = "a/b"),
      { path: "groups[0].brokerName", message: "brokerName may only contain letters, digits and @ . _ -" },
    ],
    [
      "malformed version",
      (s) => (s.cluster.rocketmqVersion = "4.9"),
      { path: "cluster.rocketmqVersion", message: "rocketmqVersion must look like 4.9.8 or 5.3.x" },
    ],
    [
      "version without DLedger",
      (s) => (s.cluster.rocketmqVersion = "4.4.0"),
      { path: "cluster.rocketmqVersion", message: "RocketMQ-on-DLedger needs RocketMQ 4.5.0 or newer" },
    ],
    [
      "unknown flush type",
      (s) => (s.cluster.flushDiskType = "FAST"),
      { path: "cluster.flushDiskType", message: "flushDiskType must be ASYNC_FLUSH or SYNC_FLUSH" },
    ],
    ["no NameServer", (s) => (s.nameServers = []), { path: "nameServers", message: "add at least one NameServer" }],
    ["empty group", (s) => (s.groups[0].nodes = []), { path: "groups[0].nodes", message: "a group needs at least one node" }],
    [
      "address with a space",
      (s) => (s.hosts[0].address = "10.0.0.1 "),
      { path: "hosts[0].address", message: "host address must be an IP address or host name" },
    ],
  ])("%s", (_, edit, expected) => {
    expect(errorsAfter(edit)).toContainEqual(expected);
  });

  it.each<[string, (s: any) => void, SpecError]>([
    ["duplicate host id", (s) => (s.hosts[1].id = "sz-1"), { path: "hosts[1].id", message: 'host id "sz-1" appears twice' }],
    [
      "NameServer on an unknown host",
      (s) => (s.nameServers[0].hostId = "ghost"),
      { path: "nameServers[0].hostId", message: 'NameServer host "ghost" is not in the host list' },
    ],
    [
      "two NameServers on one port",
      (s) => (s.nameServers[1] = { ...s.nameServers[0] }),
      { path: "nameServers[1]", message: "two NameServers use port 9876 on the same host" },
    ],
    [
      "node on an unknown host",
      (s) => (s.groups[0].nodes[2].hostId = "ghost"),
      { path: "groups[0].nodes[2].hostId", message: 'host "ghost" of node n2 is not in the host list' },
    ],
    [
      "duplicate brokerName",
      (s) => (s.groups[1].brokerName = "suzhou@broker"),
      { path: "groups[1].brokerName", message: 'brokerName "suzhou@broker" is used by two groups' },
    ],
    [
      "duplicate selfId",
      (s) => (s.groups[0].nodes[2].selfId = "n1"),
      { path: "groups[0].nodes[2].selfId", message: 'selfId "n1" appears twice in group suzhou@broker' },
    ],
    [
      "extra property overriding a managed key",
      (s) => (s.groups[0].nodes[0].extraProperties = { listenPort: "1" }),
      {
        path: "groups[0].nodes[0].extraProperties.listenPort",
        message: "listenPort is set by the panel; change the node's listenPort instead of an extra property",
      },
    ],
    [
      "extra property overriding peers",
      (s) => (s.groups[0].nodes[0].extraProperties = { dLegerPeers: "x" }),
      {
        path: "groups[0].nodes[0].extraProperties.dLegerPeers",
        message: "dLegerPeers is set by the panel; change the group's nodes instead of an extra property",
      },
    ],
    [
      "extra property with a strange name",
      (s) => (s.groups[0].nodes[0].extraProperties = { "max size": "1" }),
      {
        path: "groups[0].nodes[0].extraProperties.max size",
        message: 'extra property "max size" must be a Java-style name like maxMessageSize',
      },
    ],
  ])("cross-checks: %s", (_, edit, expected) => {
    expect(errorsAfter(edit)).toContainEqual(expected);
  });
});

describe("clusterDraftSchema", () => {
  it("accepts nodes with nothing but a selfId", () => {
    const draft = {
      ...structuredClone(runbookSpec()),
      groups: [{ brokerName: "b", dLegerGroup: "b", datacenterId: "d", datacenterCode: "d", nodes: [{ selfId: "n0" }] }],
    };
    const parsed = clusterDraftSchema.safeParse(draft);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.groups[0].nodes[0]).toEqual({ selfId: "n0", extraProperties: {} });
  });
});

describe("formatPath", () => {
  it("renders zod paths the way people write them", () => {
    expect(formatPath(["groups", 0, "nodes", 2, "listenPort"])).toBe("groups[0].nodes[2].listenPort");
    expect(formatPath([])).toBe("");
  });
});
