import { describe, expect, it } from "vitest";
import { renderAllFiles } from "../design";
import { runbookSpec } from "../design/fixtures/specs";
import { english, translate } from "../i18n/translate";
import type { Message } from "../i18n/message";
import { emptyReading, type NodeSnapshot, type TopologySnapshot } from "../topology/model";
import { ok, failed } from "../topology/testing/readings";
import { OperationPlanError, planOperation, type PlanInput, snapshotView } from "./plan";
import type { OperationRequest } from "./schema";

const NOW = 1_700_000_000_000;
const spec = runbookSpec("4.9.3");
const deployed = { number: 1, spec, files: renderAllFiles(spec) };

/** Both groups led by n1 unless told otherwise; `down` lists "group/selfId" keys whose DLedger port refuses. */
function snapshot(options: { leaders?: Record<string, string>; down?: string[]; nameServersDown?: string[] } = {}): TopologySnapshot {
  return {
    schemaVersion: 1,
    clusterId: "c1",
    brokerClusterName: spec.cluster.brokerClusterName,
    generatedAt: NOW,
    pollerId: "test",
    source: "revision",
    revision: { number: 1, deployed: true },
    datacenters: [],
    nameServers: spec.nameServers.map((ns) => {
      const address = `${ns.address}:${ns.port}`;
      const up = ok("namesrv", { groups: 2, brokers: 6 }, NOW);
      return { address, health: "up", reading: options.nameServersDown?.includes(address) ? failed(up, NOW, "refused") : up };
    }),
    groups: spec.groups.map((group) => {
      const leaderId = options.leaders?.[group.brokerName] ?? "n1";
      const nodes = group.nodes.map((node): NodeSnapshot => {
        const key = `${group.brokerName}/${node.selfId}`;
        const seen = ok("dledger", { leaderId, peers: {} }, NOW);
        const isDown = options.down?.includes(key);
        return {
          key,
          brokerName: group.brokerName,
          selfId: node.selfId,
          brokerAddress: `${node.hostAddress}:${node.listenPort}`,
          dledgerAddress: `${node.hostAddress}:${node.dLegerPort}`,
          datacenter: null,
          health: "up",
          role: node.selfId === leaderId ? "leader" : "follower",
          follows: isDown ? null : leaderId,
          term: 3,
          lagBytes: 0,
          registeredAs: 0,
          dledger: isDown ? failed(seen, NOW, "refused") : seen,
          termReading: ok("term", 3, NOW),
          runtime: emptyReading("runtime"),
          config: emptyReading("config"),
        };
      });
      return {
        brokerName: group.brokerName,
        dLegerGroup: group.dLegerGroup,
        datacenter: null,
        leaderId,
        leaderStale: false,
        term: 3,
        health: "ok",
        namesrv: { masterAddress: null, agreement: "agrees", since: null, detail: null },
        nodes,
      };
    }),
  };
}

const plan = (request: OperationRequest, extra: Partial<PlanInput> = {}) =>
  planOperation({ request, deployed, nameServerJvmOptions: "-Xmx128m", view: snapshotView(snapshot(), NOW), ...extra });

const SZ = "suzhou@broker";
const chinese = (text: Message) => translate(text, "zh-CN");

describe("planning one node", () => {
  it("names the node, its role and host, and says what happens", () => {
    const { plan: p, targets } = plan({ action: "restart", target: { kind: "node", brokerName: SZ, selfId: "n0" }, force: false });
    expect(p.title).toBe("Restart suzhou@broker n0 (follower) on sz-1");
    expect(p.refusal).toBeNull();
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toMatchObject({ key: "restart:sz-1/broker-suzhou@broker-n0", role: "follower", hostName: "sz-1" });
    expect(targets).toEqual([{ hostId: "sz-1", params: { process: "sz-1/broker-suzhou@broker-n0" } }]);
    expect(p.steps[0].what).toMatch(/stop the pid in .*run\.pid \(checked against its command line/);
    expect(p.steps[0].what).toMatch(/caught up with the leader/);
  });

  it("says the same in Chinese, its English being exactly the plan's text", () => {
    const { plan: p } = plan(
      { action: "stop", target: { kind: "node", brokerName: SZ, selfId: "n1" }, force: false },
      { view: snapshotView(snapshot({ down: [`${SZ}/n2`] }), NOW) },
    );
    expect(english(p.titleMessage)).toBe(p.title);
    expect(chinese(p.titleMessage)).toBe("停止 sz-2 上的 suzhou@broker n1（leader）");
    expect(p.warningMessages.map(english)).toEqual(p.warnings);
    expect(p.steps.map((n) => english(n.whatMessage))).toEqual(p.steps.map((n) => n.what));
    expect(chinese(p.steps[0].whatMessage)).toMatch(
      /^先把 leader 移交给已追上进度的 follower，再停止 .*run\.pid 中记录的 pid.*；在再次启动之前保持停止$/,
    );
    expect(english(p.refusalMessage!)).toBe(p.refusal?.message);
    expect(chinese(p.refusalMessage!)).toMatch(
      /^停止 n1 会使 suzhou@broker 只剩 1\/3 个节点.*（n2 已停止）。请先启动 n2。管理员可以强制执行。$/,
    );
  });

  it("warns that a leader hands over first", () => {
    const { plan: p } = plan({ action: "restart", target: { kind: "node", brokerName: SZ, selfId: "n1" }, force: false });
    expect(p.title).toContain("(leader)");
    expect(p.warnings.join(" ")).toMatch(/leads its group: leadership is handed to a caught-up follower/);
    expect(p.steps[0].what).toMatch(/^hand leadership to a caught-up follower/);
  });

  it("refuses (forceably) to take a second node of a group down", () => {
    const { plan: p } = plan(
      { action: "stop", target: { kind: "node", brokerName: SZ, selfId: "n0" }, force: false },
      { view: snapshotView(snapshot({ down: [`${SZ}/n2`] }), NOW) },
    );
    expect(p.refusal).toEqual({
      message: expect.stringMatching(/would leave suzhou@broker with 1 of 3 nodes.*n2 is already down/),
      forceable: true,
    });
  });

  it("starts a node without a majority check", () => {
    const { plan: p } = plan(
      { action: "start", target: { kind: "node", brokerName: SZ, selfId: "n0" }, force: false },
      { view: snapshotView(snapshot({ down: [`${SZ}/n0`, `${SZ}/n2`] }), NOW) },
    );
    expect(p.refusal).toBeNull();
  });

  it("rejects a node the revision does not have", () => {
    expect(() => plan({ action: "restart", target: { kind: "node", brokerName: SZ, selfId: "n7" }, force: false })).toThrow(
      OperationPlanError,
    );
  });

  it("stops and starts only single nodes", () => {
    expect(() => plan({ action: "stop", target: { kind: "group", brokerName: SZ }, force: false })).toThrow(/can only be restarted/);
  });

  it("knowing nothing of the running nodes, plans with unknown roles and says so", () => {
    const { plan: p } = plan({ action: "restart", target: { kind: "node", brokerName: SZ, selfId: "n1" }, force: false }, { view: null });
    expect(p.steps[0].role).toBe("unknown");
    expect(p.warnings.join(" ")).toMatch(/Nothing is known of this cluster's running nodes/);
  });
});

describe("NameServers", () => {
  it("restarts one while the other answers", () => {
    const { plan: p } = plan({ action: "restart", target: { kind: "namesrv", address: "192.168.65.237:9876" }, force: false });
    expect(p.title).toBe("Restart NameServer 192.168.65.237:9876 on sz-1");
    expect(p.refusal).toBeNull();
  });

  it("refuses the last one answering", () => {
    const { plan: p } = plan(
      { action: "restart", target: { kind: "namesrv", address: "192.168.65.237:9876" }, force: false },
      { view: snapshotView(snapshot({ nameServersDown: ["192.168.65.239:9876"] }), NOW) },
    );
    expect(p.refusal?.message).toMatch(/No other NameServer answers \(192\.168\.65\.239:9876\)/);
    expect(p.refusal?.forceable).toBe(true);
  });
});

describe("rolling restarts", () => {
  it("of a group: followers first, the leader last", () => {
    const { plan: p } = plan({ action: "restart", target: { kind: "group", brokerName: SZ }, force: false });
    expect(p.steps.map((n) => n.label)).toEqual([`${SZ} n0`, `${SZ} n2`, `${SZ} n1`]);
  });

  it("of a group with a node down: that node first", () => {
    const { plan: p } = plan(
      { action: "restart", target: { kind: "group", brokerName: SZ }, force: false },
      { view: snapshotView(snapshot({ down: [`${SZ}/n2`] }), NOW) },
    );
    expect(p.steps.map((n) => n.selfId)).toEqual(["n2", "n0", "n1"]);
    expect(p.warnings.join(" ")).toMatch(/n2 is down now: it is started/);
  });

  it("of the cluster: NameServers, then each group leader-last", () => {
    const { plan: p } = plan(
      { action: "restart", target: { kind: "cluster" }, force: false },
      { view: snapshotView(snapshot({ leaders: { "shanghai@broker": "n0" } }), NOW) },
    );
    expect(p.steps.map((n) => n.label)).toEqual([
      "NameServer 192.168.65.237:9876",
      "NameServer 192.168.65.239:9876",
      `${SZ} n0`,
      `${SZ} n2`,
      `${SZ} n1`,
      "shanghai@broker n1",
      "shanghai@broker n2",
      "shanghai@broker n0",
    ]);
    expect(new Set(p.steps.map((n) => n.key)).size).toBe(8);
  });
});

describe("applying a revision", () => {
  const changedHeap = () => {
    const next = structuredClone(spec);
    next.groups[0].nodes[0].heapMb = 1024;
    next.groups[0].nodes[1].extraProperties = { ...next.groups[0].nodes[1].extraProperties, sendMessageThreadPoolNums: "8" };
    return { number: 2, spec: next, files: renderAllFiles(next) };
  };

  it("is the reconcile plan: restarts only the nodes whose launch changed, leader last, with the diff", () => {
    const { plan: p } = plan({ action: "apply", revision: 2, force: false, deleteData: false }, { next: changedHeap() });
    expect(p.refusal).toBeNull();
    expect(p.revision).toBe(2);
    expect(p.steps.map((n) => [n.action, n.label])).toEqual([
      ["apply", `${SZ} n0`],
      ["apply", `${SZ} n1`],
    ]);
    expect(p.diff?.filter((d) => d.change === "changed").map((d) => d.path)).toEqual([
      expect.stringContaining("broker-n0"),
      expect.stringContaining("broker-n1"),
    ]);
  });

  it("needs the revision to apply", () => {
    expect(() => plan({ action: "apply", revision: 2, force: false, deleteData: false })).toThrow(OperationPlanError);
  });
});
