import { describe, expect, it } from "vitest";
import { collapseGroupOntoOneHost, groupOf, moveOnto, nodeOf, runbookInput, setGroupProp, setProp, SH, SZ } from "../fixtures/lint-cases";
import { LINT_RULES, lintNodes } from "./lint";
import type { LintInput } from "../model/node-view";

interface Case {
  rule: string;
  name: string;
  edit: (input: LintInput) => void;
  /** Text the first finding's message must contain; omitted for cases that must pass. */
  message?: string;
  version?: string;
}

const SZ_PEERS = "n0-192.168.65.237:40911;n1-192.168.65.238:40911;n2-192.168.65.240:40911";

const failing: Case[] = [
  {
    rule: "port-collision",
    name: "fast channel on the NameServer port",
    edit: (i) => setProp(i, SZ, "n0", "listenPort", "9878"),
    message:
      "Port 9876 on sz-1 (192.168.65.237) is used by NameServer (NameServer port) and suzhou@broker/n0 (fast channel (listenPort-2))",
  },
  {
    rule: "port-collision",
    name: "HA port of one broker is the listenPort of another",
    edit: (i) => {
      moveOnto(i, [SH, "n0"], [SZ, "n0"]);
      setProp(i, SH, "n0", "listenPort", "30912");
      setProp(i, SH, "n0", "dLegerPeers", "n0-192.168.65.237:40999");
    },
    message: "Port 30912",
  },
  {
    rule: "dledger-port-collision",
    name: "DLedger port equals the node's own HA port",
    edit: (i) => setGroupProp(i, SZ, "dLegerPeers", SZ_PEERS.replace("237:40911", "237:30912")),
    message: "suzhou@broker/n0 (HA port (listenPort+1)) and suzhou@broker/n0 (DLedger port)",
  },
  {
    rule: "dledger-port-collision",
    name: "two groups' nodes on one host with the same DLedger port",
    edit: (i) => {
      moveOnto(i, [SH, "n0"], [SZ, "n0"]);
      setProp(i, SH, "n0", "listenPort", "30921");
    },
    message: "Port 40911",
  },
  {
    rule: "port-invalid",
    name: "trailing space",
    edit: (i) => setProp(i, SZ, "n0", "listenPort", "30911 "),
    message: 'listenPort "30911 "',
  },
  { rule: "port-invalid", name: "below 1026", edit: (i) => setProp(i, SZ, "n0", "listenPort", "80") },
  {
    rule: "store-path-collision",
    name: "same root on one host",
    edit: (i) => {
      moveOnto(i, [SH, "n0"], [SZ, "n0"]);
      setProp(i, SH, "n0", "listenPort", "30921");
      setProp(i, SH, "n0", "storePathRootDir", "/opt/rocketmq/store/suzhou@broker-n0/");
    },
    message: "both use /opt/rocketmq/store/suzhou@broker-n0",
  },
  {
    rule: "store-path-collision",
    name: "root enclosing another broker's store",
    edit: (i) => {
      moveOnto(i, [SH, "n0"], [SZ, "n0"]);
      setProp(i, SH, "n0", "storePathRootDir", "/opt/rocketmq/store");
      setProp(i, SH, "n0", "storePathCommitLog", "/data/commitlog");
    },
    message: "lies inside storePathRootDir /opt/rocketmq/store",
  },
  {
    rule: "store-path-collision",
    name: "both left to the ~/store default",
    edit: (i) => {
      moveOnto(i, [SH, "n0"], [SZ, "n0"]);
      for (const [g, n] of [
        [SZ, "n0"],
        [SH, "n0"],
      ]) {
        setProp(i, g, n, "storePathRootDir", undefined);
        setProp(i, g, n, "storePathCommitLog", undefined);
      }
    },
    message: "~/store",
  },
  {
    rule: "store-commitlog-implicit",
    name: "root without commit log on 4.9.x",
    edit: (i) => setProp(i, SZ, "n1", "storePathCommitLog", undefined),
    message: "~/store/commitlog",
  },
  {
    rule: "store-path-temporary",
    name: "the runbook's /tmp/rmqstore",
    edit: (i) => setProp(i, SZ, "n1", "storePathRootDir", "/tmp/rmqstore/node01"),
    message: "storePathRootDir /tmp/rmqstore/node01 of suzhou@broker/n1 is in a temporary directory",
  },
  {
    rule: "store-path-not-absolute",
    name: "relative root",
    edit: (i) => setProp(i, SZ, "n1", "storePathRootDir", "store/n1"),
    message: '"store/n1"',
  },
  {
    rule: "peers-malformed",
    name: "entry without a port",
    edit: (i) => setProp(i, SZ, "n1", "dLegerPeers", "n0-192.168.65.237;n1-192.168.65.238:40911"),
    message: "needs a host and a port",
  },
  { rule: "peers-malformed", name: "empty value", edit: (i) => setProp(i, SZ, "n1", "dLegerPeers", ""), message: "dLegerPeers is empty" },
  {
    rule: "peers-inconsistent",
    name: "one node with another address",
    edit: (i) => setProp(i, SZ, "n2", "dLegerPeers", SZ_PEERS.replace("238", "239")),
    message: "2 different dLegerPeers values",
  },
  {
    rule: "peer-address-mismatch",
    name: "n1 listed at an address its host does not have",
    edit: (i) => setGroupProp(i, SZ, "dLegerPeers", SZ_PEERS.replace("192.168.65.238", "10.9.9.9")),
    message: "dLegerPeers says n1 is at 10.9.9.9:40911",
  },
  {
    rule: "peer-address-mismatch",
    name: "loopback while the group spans hosts",
    edit: (i) => setGroupProp(i, SZ, "dLegerPeers", SZ_PEERS.replace("192.168.65.237", "127.0.0.1")),
    message: "n0 is at 127.0.0.1:40911",
  },
  {
    rule: "peer-address-mismatch",
    name: "loopback on one host while other declared members are unknown",
    edit: (i) => {
      collapseGroupOntoOneHost(i, SZ);
      setGroupProp(i, SZ, "dLegerPeers", `${nodeOf(i, SZ, "n0").props.dLegerPeers};n3-127.0.0.1:40914`);
    },
    message: "n0 is at 127.0.0.1:40911",
  },
  {
    rule: "peers-loopback",
    name: "runbook-style loopback peers on three hosts",
    edit: (i) => setGroupProp(i, SZ, "dLegerPeers", "n0-127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40913"),
    message: "use loopback addresses",
  },
  {
    rule: "peers-unknown-member",
    name: "peers list a fourth node",
    edit: (i) => setGroupProp(i, SZ, "dLegerPeers", `${SZ_PEERS};n3-192.168.65.250:40911`),
    message: "list n3, but no node",
  },
  {
    rule: "self-id-malformed",
    name: "word id",
    edit: (i) => {
      setProp(i, SZ, "n2", "dLegerSelfId", "node2");
    },
    message: 'dLegerSelfId "node2"',
  },
  {
    rule: "self-id-malformed",
    name: "missing id",
    edit: (i) => setProp(i, SZ, "n2", "dLegerSelfId", undefined),
    message: "has no dLegerSelfId",
  },
  {
    rule: "self-id-not-in-peers",
    name: "id missing from peers",
    edit: (i) => setProp(i, SZ, "n2", "dLegerSelfId", "n5"),
    message: "suzhou@broker/n5 is not in its own dLegerPeers (which lists n0, n1, n2)",
  },
  {
    rule: "self-id-duplicate",
    name: "same id twice",
    edit: (i) => setProp(i, SZ, "n2", "dLegerSelfId", "n1"),
    message: "two nodes have dLegerSelfId n1",
  },
  {
    rule: "self-id-duplicate",
    name: "n1 and n01 register as the same brokerId",
    edit: (i) => setProp(i, SZ, "n2", "dLegerSelfId", "n01"),
    message: "n1 and n01 both register as brokerId 2",
  },
  {
    rule: "preferred-leader-unknown",
    name: "not a member",
    edit: (i) => setProp(i, SZ, "n0", "preferredLeaderId", "n7"),
    message: "preferredLeaderId n7",
  },
  {
    rule: "dledger-group-name",
    name: "RaftNode00 as in conf/dledger",
    edit: (i) => setGroupProp(i, SZ, "dLegerGroup", "RaftNode00"),
    message: "has dLegerGroup RaftNode00 but brokerName suzhou@broker",
  },
  {
    rule: "dledger-group-inconsistent",
    name: "one node in another Raft group",
    edit: (i) => setProp(i, SZ, "n1", "dLegerGroup", "other"),
    message: "dLegerGroup values suzhou@broker, other",
  },
  {
    rule: "group-size",
    name: "two nodes",
    edit: (i) => {
      i.nodes = i.nodes.filter((n) => !(n.group === SZ && n.props.dLegerSelfId === "n2"));
    },
    message: "Group suzhou@broker has 2 nodes; it survives 0 failures",
  },
  {
    rule: "group-size",
    name: "one node",
    edit: (i) => {
      i.nodes = i.nodes.filter((n) => n.group !== SZ || n.props.dLegerSelfId === "n0");
    },
    message: "has 1 node;",
  },
  {
    rule: "group-size",
    name: "four nodes",
    edit: (i) => {
      i.nodes.push({ ...nodeOf(i, SZ, "n2"), props: { ...nodeOf(i, SZ, "n2").props, dLegerSelfId: "n3" } });
    },
    message: "has 4 nodes; it survives 1 failure.",
  },
  {
    rule: "group-same-host",
    name: "two nodes on one host",
    edit: (i) => moveOnto(i, [SZ, "n1"], [SZ, "n0"]),
    message: "suzhou@broker/n0, suzhou@broker/n1 of group suzhou@broker all run on sz-1",
  },
  {
    rule: "node-datacenter-mismatch",
    name: "Suzhou node on a Shanghai host",
    edit: (i) => moveOnto(i, [SZ, "n1"], [SH, "n1"]),
    message: "in datacenter shanghai, but its group belongs to suzhou",
  },
  {
    rule: "namesrv-addr-missing",
    name: "no namesrvAddr",
    edit: (i) => setProp(i, SZ, "n0", "namesrvAddr", undefined),
    message: "suzhou@broker/n0 has no namesrvAddr",
  },
  {
    rule: "namesrv-addr-malformed",
    name: "address without port",
    edit: (i) => setProp(i, SZ, "n0", "namesrvAddr", "192.168.65.237;192.168.65.239:9876"),
    message: '"192.168.65.237" is not host:port',
  },
  {
    rule: "namesrv-addr-malformed",
    name: "space after the separator",
    edit: (i) => setProp(i, SZ, "n0", "namesrvAddr", "192.168.65.237:9876; 192.168.65.239:9876"),
  },
  {
    rule: "namesrv-addr-inconsistent",
    name: "one broker knows one NameServer",
    edit: (i) => setProp(i, SH, "n2", "namesrvAddr", "192.168.65.239:9876"),
    message: "2 different namesrvAddr values",
  },
  {
    rule: "broker-ip-required",
    name: "no brokerIP1 on a two-NIC host",
    edit: (i) => {
      const n = nodeOf(i, SZ, "n0");
      n.host = { ...n.host!, addresses: ["192.168.65.237", "172.17.0.1"] };
      setProp(i, SZ, "n0", "brokerIP1", undefined);
    },
    message: "has addresses 192.168.65.237, 172.17.0.1",
  },
  {
    rule: "broker-ip-foreign",
    name: "brokerIP1 of another host",
    edit: (i) => setProp(i, SZ, "n0", "brokerIP1", "192.168.65.239"),
    message: "brokerIP1 192.168.65.239 of suzhou@broker/n0 is not an address of sz-1",
  },
  {
    rule: "cluster-name-inconsistent",
    name: "another cluster name",
    edit: (i) => setProp(i, SH, "n0", "brokerClusterName", "OtherCluster"),
    message: "RaftCluster, OtherCluster",
  },
  {
    rule: "cluster-name-inconsistent",
    name: "missing means DefaultCluster",
    edit: (i) => setProp(i, SH, "n0", "brokerClusterName", undefined),
    message: "DefaultCluster",
  },
  {
    rule: "dledger-not-enabled",
    name: "false",
    edit: (i) => setProp(i, SZ, "n0", "enableDLegerCommitLog", "false"),
    message: "enableDLegerCommitLog=false",
  },
  {
    rule: "dledger-not-enabled",
    name: "true with a trailing space parses as false",
    edit: (i) => setProp(i, SZ, "n0", "enableDLegerCommitLog", "true "),
  },
  {
    rule: "dledger-not-enabled",
    name: "missing",
    edit: (i) => setProp(i, SZ, "n0", "enableDLegerCommitLog", undefined),
    message: "(missing)",
  },
  {
    rule: "dledger-ignored-key",
    name: "brokerRole",
    edit: (i) => setProp(i, SZ, "n0", "brokerRole", "SYNC_MASTER"),
    message: "brokerRole=SYNC_MASTER",
  },
  {
    rule: "dledger-ignored-key",
    name: "brokerRole=SLAVE without a brokerId stops the start",
    edit: (i) => setProp(i, SZ, "n1", "brokerRole", "SLAVE"),
    message: 'brokerRole=SLAVE on suzhou@broker/n1 makes the broker exit at start ("Slave\'s brokerId must be > 0")',
  },
  {
    rule: "dledger-ignored-key",
    name: "a fixed brokerId",
    edit: (i) => setProp(i, SZ, "n2", "brokerId", "2"),
    message: "brokerId=2 on suzhou@broker/n2 claims a fixed id, but DLedger sets -1 at start",
  },
  {
    rule: "dledger-ha-key",
    name: "haMasterAddress",
    edit: (i) => setProp(i, SZ, "n1", "haMasterAddress", "192.168.65.237:30912"),
    message: "haMasterAddress=192.168.65.237:30912 on suzhou@broker/n1 has no effect with DLedger.",
  },
  {
    rule: "controller-mode-conflict",
    name: "controller mode on",
    edit: (i) => setProp(i, SZ, "n0", "enableControllerMode", "true"),
    message: "enables both controller mode and DLedger",
    version: "5.3.x",
  },
  {
    rule: "rocketmq-version-cve",
    name: "the runbook's 4.9.3",
    edit: () => {},
    message: "RocketMQ 4.9.3 is affected by CVE-2023-33246 and CVE-2023-37582",
    version: "4.9.3",
  },
  { rule: "rocketmq-version-cve", name: "5.1.1", edit: () => {}, message: "CVE-2023-37582", version: "5.1.1" },
  {
    rule: "rocketmq-dledger-idle-spin",
    name: "the seed's 4.9.3",
    edit: () => {},
    message: "RocketMQ 4.9.3 ships a DLedger whose idle leader keeps two threads at full CPU (apache/rocketmq #4415, fixed in 4.9.4).",
    version: "4.9.3",
  },
  { rule: "rocketmq-dledger-idle-spin", name: "4.9.x, which may be 4.9.0", edit: () => {}, message: "fixed in 4.9.4", version: "4.9.x" },
  {
    rule: "unknown-key",
    name: "dLedgerPeers typo",
    edit: (i) => setProp(i, SZ, "n0", "dLedgerPeers", "x"),
    message: "Did you mean dLegerPeers?",
  },
  { rule: "unknown-key", name: "wrong case", edit: (i) => setProp(i, SZ, "n0", "brokerip1", "x"), message: "Did you mean brokerIP1?" },
  {
    rule: "key-version-mismatch",
    name: "5.x key on 4.9.8",
    edit: (i) => setProp(i, SZ, "n0", "enableControllerMode", "false"),
    message: "not read by RocketMQ 4.9.x (4.9.8)",
  },
  {
    rule: "value-whitespace",
    name: "trailing space in brokerName",
    edit: (i) => setProp(i, SZ, "n0", "sendMessageThreadPoolNums", "16 "),
    message: 'is "16 "',
  },
  {
    rule: "host-memory-oversubscribed",
    name: "heap over half the RAM",
    edit: (i) => {
      nodeOf(i, SZ, "n0").heapMb = 9000;
    },
    message: "use 9000 MB of heap out of 16384 MB",
  },
];

const passing: Case[] = [
  {
    rule: "peers-inconsistent",
    name: "same peers in another order",
    edit: (i) => setProp(i, SZ, "n2", "dLegerPeers", SZ_PEERS.split(";").reverse().join(";")),
  },
  {
    rule: "peer-address-mismatch",
    name: "a host name the linter cannot resolve",
    edit: (i) => setGroupProp(i, SZ, "dLegerPeers", SZ_PEERS.replace("192.168.65.238", "sz-2.example")),
  },
  { rule: "peers-loopback", name: "whole group on one host (fast-try.sh)", edit: (i) => collapseGroupOntoOneHost(i, SZ) },
  { rule: "peer-address-mismatch", name: "whole group on one host (fast-try.sh)", edit: (i) => collapseGroupOntoOneHost(i, SZ) },
  { rule: "port-collision", name: "whole group on one host with ports 10 apart", edit: (i) => collapseGroupOntoOneHost(i, SZ) },
  { rule: "store-path-collision", name: "whole group on one host with its own directories", edit: (i) => collapseGroupOntoOneHost(i, SZ) },
  {
    rule: "store-commitlog-implicit",
    name: "5.x derives the commit log from the root",
    edit: (i) => setProp(i, SZ, "n1", "storePathCommitLog", undefined),
    version: "5.3.x",
  },
  {
    rule: "group-size",
    name: "five nodes",
    edit: (i) => {
      for (const id of ["n3", "n4"]) i.nodes.push({ ...nodeOf(i, SZ, "n2"), props: { ...nodeOf(i, SZ, "n2").props, dLegerSelfId: id } });
    },
  },
  { rule: "preferred-leader-unknown", name: "a member", edit: (i) => setGroupProp(i, SZ, "preferredLeaderId", "n1") },
  {
    rule: "namesrv-addr-inconsistent",
    name: "same NameServers in another order",
    edit: (i) => setProp(i, SH, "n2", "namesrvAddr", "192.168.65.239:9876;192.168.65.237:9876"),
  },
  { rule: "broker-ip-required", name: "no brokerIP1 on a one-NIC host", edit: (i) => setProp(i, SZ, "n0", "brokerIP1", undefined) },
  { rule: "dledger-not-enabled", name: "TRUE in capitals", edit: (i) => setProp(i, SZ, "n0", "enableDLegerCommitLog", "TRUE") },
  {
    rule: "key-version-mismatch",
    name: "5.x key on 5.3.x",
    edit: (i) => setProp(i, SZ, "n0", "enableControllerMode", "false"),
    version: "5.3.x",
  },
  {
    rule: "controller-mode-conflict",
    name: "controller mode off",
    edit: (i) => setProp(i, SZ, "n0", "enableControllerMode", "false"),
    version: "5.3.x",
  },
  { rule: "rocketmq-version-cve", name: "4.9.7", edit: () => {}, version: "4.9.7" },
  { rule: "rocketmq-dledger-idle-spin", name: "4.9.4", edit: () => {}, version: "4.9.4" },
  { rule: "rocketmq-dledger-idle-spin", name: "5.0.0", edit: () => {}, version: "5.0.0" },
  {
    rule: "rocketmq-dledger-idle-spin",
    name: "4.9.3 without DLedger (dledger-not-enabled speaks for it)",
    edit: (i) => {
      for (const node of i.nodes) node.props.enableDLegerCommitLog = "false";
    },
    version: "4.9.3",
  },
  {
    rule: "dledger-ignored-key",
    name: "brokerRole on a broker without DLedger (dledger-not-enabled speaks for it)",
    edit: (i) => {
      setProp(i, SZ, "n0", "enableDLegerCommitLog", "false");
      setProp(i, SZ, "n0", "brokerRole", "SLAVE");
    },
  },
  { rule: "dledger-ha-key", name: "haListenPort, which the port rules read", edit: (i) => setProp(i, SZ, "n0", "haListenPort", "30919") },
];

function findingsFor(c: Case) {
  const input = runbookInput(c.version);
  c.edit(input);
  return lintNodes(input).filter((f) => f.ruleId === c.rule);
}

describe("the runbook cluster as the panel generates it", () => {
  it("has no findings at all", () => {
    expect(lintNodes(runbookInput())).toEqual([]);
  });

  it("still lints clean with the whole suzhou group on one host, apart from the expected warning", () => {
    const input = runbookInput();
    collapseGroupOntoOneHost(input, SZ);
    expect(lintNodes(input).map((f) => f.ruleId)).toEqual(["group-same-host"]);
    expect(groupOf(input, SZ).every((n) => n.host === groupOf(input, SZ)[0].host)).toBe(true);
  });
});

describe.each(LINT_RULES.map((r) => [r.id, r] as const))("rule %s", (id) => {
  const fails = failing.filter((c) => c.rule === id);
  const passes = passing.filter((c) => c.rule === id);

  it("has at least one failing case", () => {
    expect(fails.length).toBeGreaterThan(0);
  });

  it("stays quiet on the clean cluster", () => {
    expect(lintNodes(runbookInput()).filter((f) => f.ruleId === id)).toEqual([]);
  });

  it.each(fails.map((c) => [c.name, c] as const))("fires: %s", (_, c) => {
    const findings = findingsFor(c);
    expect(findings.length).toBeGreaterThan(0);
    if (c.message) expect(findings[0].message).toContain(c.message);
  });

  it.skipIf(passes.length === 0).each(passes.map((c) => [c.name, c] as const))("passes: %s", (_, c) => {
    expect(findingsFor(c)).toEqual([]);
  });
});
