import { describe, expect, it } from "vitest";
import { brokerJvmOptions, brokerProperties, dLegerPeers, namesrvAddr } from "../model/derive";
import { runbookSpec } from "../fixtures/specs";
import { renderAllFiles, renderBrokerConf, renderNameServerConf } from "./generate";
import { parseProperties } from "./properties";
import type { ClusterSpec } from "../model/schema";

const spec = runbookSpec();

function withExtras(extraProperties: Record<string, string>): ClusterSpec {
  const copy = structuredClone(spec);
  copy.groups[0].nodes[0].extraProperties = extraProperties;
  return copy;
}

describe("rendered files match the reviewed golden files", () => {
  for (const file of renderAllFiles(spec)) {
    it(file.path, async () => {
      await expect(file.content).toMatchFileSnapshot(`../fixtures/golden/${file.path}`);
    });
  }

  it("a node with extra properties and a preferred leader", async () => {
    const copy = withExtras({ maxMessageSize: "8388608", brokerPermission: "6", aclEnable: "false" });
    copy.groups[0].preferredLeaderId = "n1";
    const group = copy.groups[0];
    await expect(renderBrokerConf(copy, group, group.nodes[0])).toMatchFileSnapshot("../fixtures/golden/extras/broker-n0.conf");
  });
});

describe("renderBrokerConf", () => {
  it("is deterministic", () => {
    expect(renderAllFiles(runbookSpec())).toEqual(renderAllFiles(runbookSpec()));
  });

  it("parses back to exactly the model's properties", () => {
    for (const group of spec.groups) {
      for (const node of group.nodes) {
        const parsed = parseProperties(renderBrokerConf(spec, group, node));
        expect(parsed.problems).toEqual([]);
        expect(parsed.properties).toEqual(brokerProperties(spec, group, node));
      }
    }
  });

  it("writes the keys a DLedger broker needs", () => {
    const group = spec.groups[0];
    const props = brokerProperties(spec, group, group.nodes[1]);
    expect(props).toMatchObject({
      brokerClusterName: "RaftCluster",
      brokerName: "suzhou@broker",
      namesrvAddr: "192.168.65.237:9876;192.168.65.239:9876",
      brokerIP1: "192.168.65.238",
      listenPort: "30911",
      storePathRootDir: "/opt/rocketmq/store/suzhou@broker-n1",
      storePathCommitLog: "/opt/rocketmq/store/suzhou@broker-n1/commitlog",
      flushDiskType: "ASYNC_FLUSH",
      enableDLegerCommitLog: "true",
      dLegerGroup: "suzhou@broker",
      dLegerPeers: "n0-192.168.65.237:40911;n1-192.168.65.238:40911;n2-192.168.65.240:40911",
      dLegerSelfId: "n1",
      sendMessageThreadPoolNums: "8",
    });
  });

  it("gives every node of a group the same dLegerPeers", () => {
    for (const group of spec.groups) {
      const values = new Set(group.nodes.map((n) => brokerProperties(spec, group, n).dLegerPeers));
      expect(values).toEqual(new Set([dLegerPeers(group)]));
    }
  });

  it("uses brokerIP1 over the host address in dLegerPeers", () => {
    const copy = structuredClone(spec);
    copy.groups[0].nodes[2].brokerIP1 = "10.0.0.3";
    expect(dLegerPeers(copy.groups[0])).toBe("n0-192.168.65.237:40911;n1-192.168.65.238:40911;n2-10.0.0.3:40911");
  });

  it("puts extra properties last, sorted and escaped", () => {
    const copy = withExtras({ zeta: "z", alpha: "中文 value", mid: " leading" });
    const text = renderBrokerConf(copy, copy.groups[0], copy.groups[0].nodes[0]);
    const tail = text.trimEnd().split("\n").slice(-4);
    expect(tail).toEqual(["## Extra properties", "alpha=\\u4E2D\\u6587 value", "mid=\\ leading", "zeta=z"]);
  });

  it("writes only ASCII, because brokers read the file as ISO-8859-1", () => {
    const copy = withExtras({ note: "苏州" });
    copy.cluster.name = "苏州集群";
    for (const file of renderAllFiles(copy)) expect(file.content).toMatch(/^[\x20-\x7e\n]*$/);
  });
});

describe("renderAllFiles", () => {
  const files = renderAllFiles(spec);

  it("lists NameServers first, then brokers, with unique safe paths", () => {
    expect(files.map((f) => [f.role, f.path, f.hostId])).toEqual([
      ["namesrv", "namesrv/192.168.65.237-9876.properties", "sz-1"],
      ["namesrv", "namesrv/192.168.65.239-9876.properties", "sh-1"],
      ["broker", "brokers/suzhou@broker/broker-n0.conf", "sz-1"],
      ["broker", "brokers/suzhou@broker/broker-n1.conf", "sz-2"],
      ["broker", "brokers/suzhou@broker/broker-n2.conf", "sz-3"],
      ["broker", "brokers/shanghai@broker/broker-n0.conf", "sh-1"],
      ["broker", "brokers/shanghai@broker/broker-n1.conf", "sh-2"],
      ["broker", "brokers/shanghai@broker/broker-n2.conf", "sh-3"],
    ]);
    expect(files.every((f) => /^[A-Za-z0-9@._/-]+$/.test(f.path))).toBe(true);
  });

  it("tags broker files with their group and node", () => {
    expect(files[2]).toMatchObject({ group: "suzhou@broker", selfId: "n0" });
  });

  it("renders the NameServer port", () => {
    expect(parseProperties(renderNameServerConf(spec, spec.nameServers[0])).properties).toEqual({ listenPort: "9876" });
  });
});

describe("derived values", () => {
  it("joins NameServers in order", () => {
    expect(namesrvAddr(spec)).toBe("192.168.65.237:9876;192.168.65.239:9876");
  });

  it("turns the heap into JVM options", () => {
    expect(brokerJvmOptions({ heapMb: 3072 })).toEqual(["-Xms3072m", "-Xmx3072m"]);
  });
});
