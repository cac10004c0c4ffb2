import { describe, expect, it } from "vitest";
import { allocatePaths, allocatePorts, applySizing, autoPlace, brokerPorts, completeDraft, makeGroupDraft } from "./allocate";
import { runbookDraft, SHANGHAI, SUZHOU } from "../fixtures/specs";
import type { ClusterDraft } from "../model/schema";
import { suggestHeapMb, suggestSendThreads } from "./sizing";

const GIB = 1024 ** 3;

/** The runbook draft with every group in Suzhou, so several brokers share its three hosts. */
function crowdedDraft(groups: number, size = 3): ClusterDraft {
  const draft = runbookDraft();
  draft.groups = Array.from({ length: groups }, (_, i) => makeGroupDraft({ brokerName: `g${i}`, ...SUZHOU, size }));
  return draft;
}

const hostsOf = (draft: ClusterDraft) => draft.groups.map((g) => g.nodes.map((n) => n.hostId));

describe("makeGroupDraft", () => {
  it("numbers nodes n0… and uses the brokerName as dLegerGroup", () => {
    const group = makeGroupDraft({ brokerName: "b", datacenterId: "d", datacenterCode: "dc", size: 5 });
    expect(group.nodes.map((n) => n.selfId)).toEqual(["n0", "n1", "n2", "n3", "n4"]);
    expect(group.dLegerGroup).toBe("b");
  });
});

describe("autoPlace", () => {
  it("spreads each group over distinct hosts of its own datacenter", () => {
    expect(hostsOf(autoPlace(runbookDraft()))).toEqual([
      ["sz-1", "sz-2", "sz-3"],
      ["sh-1", "sh-2", "sh-3"],
    ]);
  });

  it("fills the host address from the host list", () => {
    expect(autoPlace(runbookDraft()).groups[1].nodes[2].hostAddress).toBe("192.168.65.242");
  });

  it("puts the least loaded host first, so groups sharing hosts rotate", () => {
    const placed = autoPlace(crowdedDraft(3, 2));
    expect(hostsOf(placed)).toEqual([
      ["sz-1", "sz-2"],
      ["sz-3", "sz-1"],
      ["sz-2", "sz-3"],
    ]);
  });

  it("counts nodes placed by hand as load and keeps them where they are", () => {
    const draft = runbookDraft();
    draft.groups[0].nodes[0].hostId = "sz-3";
    const placed = autoPlace(draft);
    expect(placed.groups[0].nodes.map((n) => n.hostId)).toEqual(["sz-3", "sz-1", "sz-2"]);
    expect(placed.groups[0].nodes[0].hostAddress).toBe("192.168.65.240");
  });

  it("doubles up only when the datacenter has fewer hosts than the group has nodes", () => {
    const draft = runbookDraft();
    draft.groups = [makeGroupDraft({ brokerName: "big", ...SHANGHAI, size: 5 })];
    expect(hostsOf(autoPlace(draft))).toEqual([["sh-1", "sh-2", "sh-3", "sh-1", "sh-2"]]);
  });

  it("leaves nodes unplaced when their datacenter has no host, and completeDraft says so", () => {
    const draft = runbookDraft();
    draft.groups[0].datacenterId = "dc-nowhere";
    expect(autoPlace(draft).groups[0].nodes[0].hostId).toBeUndefined();
    const result = completeDraft(draft);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toContainEqual({ path: "groups[0].nodes[0].hostId", message: "hostId is required: place the node on a host" });
  });

  it("does not modify its input", () => {
    const draft = runbookDraft();
    const before = structuredClone(draft);
    allocatePaths(allocatePorts(autoPlace(draft)));
    applySizing(draft);
    expect(draft).toEqual(before);
  });
});

describe("allocatePorts", () => {
  it("gives the k-th broker on a host listenPort base+10k and DLedger port base+k", () => {
    const placed = allocatePorts(autoPlace(crowdedDraft(2)));
    expect(placed.groups.map((g) => g.nodes.map((n) => [n.listenPort, n.dLegerPort]))).toEqual([
      [
        [30911, 40911],
        [30911, 40911],
        [30911, 40911],
      ],
      [
        [30921, 40912],
        [30921, 40912],
        [30921, 40912],
      ],
    ]);
  });

  it("reserves listenPort-2 and listenPort+1 too", () => {
    expect(brokerPorts(30911, 40911)).toEqual([30909, 30911, 30912, 40911]);
  });

  it("steps over the NameServer port", () => {
    const draft = runbookDraft();
    draft.cluster.defaults.listenPortBase = 9878; // would open 9876 as its fast channel
    const node = allocatePorts(autoPlace(draft)).groups[0].nodes[0];
    expect(node.listenPort).toBe(9888);
  });

  it("keeps DLedger ports off the broker ports", () => {
    const draft = runbookDraft();
    draft.cluster.defaults.dLegerPortBase = 30912; // the HA port of listenPort 30911
    expect(allocatePorts(autoPlace(draft)).groups[0].nodes[0].dLegerPort).toBe(30913);
  });

  it("keeps ports chosen by hand and allocates around them", () => {
    const draft = crowdedDraft(2);
    draft.groups[1].nodes[0].listenPort = 30911;
    draft.groups[1].nodes[0].dLegerPort = 40911;
    const placed = allocatePorts(autoPlace(draft));
    expect(placed.groups[1].nodes[0]).toMatchObject({ listenPort: 30911, dLegerPort: 40911 });
    expect(placed.groups[0].nodes[0]).toMatchObject({ listenPort: 30921, dLegerPort: 40912 });
  });
});

describe("allocatePaths", () => {
  it("puts each broker under <installDir>/store/<brokerName>-<selfId> with the commit log inside", () => {
    const node = allocatePaths(autoPlace(runbookDraft())).groups[1].nodes[2];
    expect(node.storePathRootDir).toBe("/opt/rocketmq/store/shanghai@broker-n2");
    expect(node.storePathCommitLog).toBe("/opt/rocketmq/store/shanghai@broker-n2/commitlog");
  });

  it("derives the commit log from a root chosen by hand", () => {
    const draft = runbookDraft();
    draft.groups[0].nodes[0].storePathRootDir = "/data/rmq";
    expect(allocatePaths(autoPlace(draft)).groups[0].nodes[0].storePathCommitLog).toBe("/data/rmq/commitlog");
  });

  it("gives up on suffixes when a directory chosen by hand encloses the default", () => {
    const draft = crowdedDraft(2);
    Object.assign(draft.groups[0].nodes[0], {
      hostId: "sz-1",
      storePathRootDir: "/opt/rocketmq/store",
      storePathCommitLog: "/opt/rocketmq/store/commitlog",
    });
    const placed = allocatePaths(autoPlace(draft));
    expect(placed.groups[1].nodes[0]).toMatchObject({ hostId: "sz-1", storePathRootDir: "/opt/rocketmq/store/g1-n0" });
  });

  it("suffixes -2, -3 while the preferred root is taken", () => {
    const draft = crowdedDraft(1, 1);
    draft.hosts = draft.hosts.slice(0, 1);
    draft.groups[0].nodes = [
      {
        selfId: "n9",
        hostId: "sz-1",
        storePathRootDir: "/opt/rocketmq/store/g0-n0",
        storePathCommitLog: "/x/commitlog",
        extraProperties: {},
      },
      {
        selfId: "n8",
        hostId: "sz-1",
        storePathRootDir: "/opt/rocketmq/store/g0-n0-2",
        storePathCommitLog: "/y/commitlog",
        extraProperties: {},
      },
      { selfId: "n0", extraProperties: {} },
    ];
    expect(allocatePaths(autoPlace(draft)).groups[0].nodes[2].storePathRootDir).toBe("/opt/rocketmq/store/g0-n0-3");
  });
});

describe("sizing", () => {
  it.each([
    [undefined, 1, 4],
    [8, 1, 8],
    [32, 1, 16],
    [8, 3, 2],
    [2, 4, 1],
  ])("cpu %s shared by %s brokers → %s send threads", (cpu, brokers, expected) => {
    expect(suggestSendThreads(cpu, brokers, 4)).toBe(expected);
  });

  it.each([
    [undefined, 1, 2048],
    [16 * GIB, 1, 4096],
    [16 * GIB, 3, 1280],
    [1 * GIB, 1, 256],
    [512 * GIB, 1, 8192],
    [10 * GIB, 1, 2560],
  ])("memory %s shared by %s brokers → %s MB heap", (memory, brokers, expected) => {
    expect(suggestHeapMb(memory, brokers, 2048)).toBe(expected);
  });

  it("splits a host's memory and CPUs between the brokers on it", () => {
    const sized = applySizing(allocatePorts(autoPlace(crowdedDraft(2))));
    expect(sized.groups[0].nodes[0]).toMatchObject({ heapMb: 2048, sendMessageThreadPoolNums: 4 });
  });

  it("keeps sizes chosen by hand", () => {
    const draft = runbookDraft();
    draft.groups[0].nodes[0].heapMb = 1024;
    draft.groups[0].nodes[0].sendMessageThreadPoolNums = 2;
    expect(applySizing(autoPlace(draft)).groups[0].nodes[0]).toMatchObject({ heapMb: 1024, sendMessageThreadPoolNums: 2 });
  });
});
