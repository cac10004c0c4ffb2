import { describe, expect, it } from "vitest";
import { nodeAddress } from "../design";
import { runbookSpec } from "../design/fixtures/specs";
import type { ClusterInfo, DledgerMemberState } from "../rocketmq/schema";
import { english } from "../i18n/translate";
import { judgeCluster, type Observation } from "./health";

const spec = runbookSpec("4.9.3");
const addr = (g: number, n: number) => `${nodeAddress(spec.groups[g].nodes[n])}:${spec.groups[g].nodes[n].listenPort}`;

/** Every group led by `leaders[g]` (a selfId), all members agreeing, registered as RocketMQ does. */
function observation(leaders: string[], tweak: (o: Observation) => void = () => {}): Observation {
  const members = new Map<string, DledgerMemberState | Error>();
  const brokerGroups = spec.groups.map((group, g) => {
    for (const node of group.nodes) {
      const role = node.selfId === leaders[g] ? "leader" : "follower";
      members.set(`${group.brokerName}/${node.selfId}`, {
        group: group.dLegerGroup,
        selfId: node.selfId,
        leaderId: leaders[g],
        peers: {},
        term: 2,
        role,
      });
    }
    const registered = group.nodes.map((node, n) => ({
      brokerId: node.selfId === leaders[g] ? 0 : Number(node.selfId.slice(1)) + 1,
      address: addr(g, n),
    }));
    return {
      brokerName: group.brokerName,
      cluster: spec.cluster.brokerClusterName,
      members: registered.sort((a, b) => a.brokerId - b.brokerId),
    };
  });
  const info: ClusterInfo = { clusters: [{ name: spec.cluster.brokerClusterName, brokerGroups }] };
  const seen = { nameServers: new Map(spec.nameServers.map((ns) => [`${ns.address}:${ns.port}`, info])), members } as Observation;
  tweak(seen);
  return seen;
}

/** The judgement in English, as the job's log and the step's error read. */
function judge(...args: Parameters<typeof judgeCluster>) {
  const judgement = judgeCluster(...args);
  return { ...judgement, problems: judgement.problems.map(english), summary: judgement.summary.map(english) };
}

describe("judging a deployed cluster", () => {
  it("is healthy when every group has one agreed leader and every node is registered as its role implies", () => {
    const judgement = judge(spec, observation(["n1", "n0"]));
    expect(judgement.problems).toEqual([]);
    expect(judgement.summary[0]).toMatch(/^suzhou@broker: leader n1, term 2, followers n0, n2, registered with 2 NameServer/);
  });

  it("waits while members disagree on the leader or the term", () => {
    const judgement = judge(
      spec,
      observation(["n1", "n0"], (o) => {
        const n2 = o.members.get("suzhou@broker/n2") as DledgerMemberState;
        o.members.set("suzhou@broker/n2", { ...n2, role: "candidate", leaderId: null, term: 3 });
      }),
    );
    expect(judgement.healthy).toBe(false);
    expect(judgement.problems).toEqual([
      expect.stringMatching(/^suzhou@broker: no agreed single leader yet \(.*n2: candidate, leader none, term 3/),
    ]);
  });

  it("names the node a NameServer has not registered yet, and an unreachable NameServer", () => {
    const [first, second] = spec.nameServers.map((ns) => `${ns.address}:${ns.port}`);
    const judgement = judge(
      spec,
      observation(["n1", "n0"], (o) => {
        const info = structuredClone(o.nameServers.get(first) as ClusterInfo);
        info.clusters[0].brokerGroups[1].members = info.clusters[0].brokerGroups[1].members.filter((m) => m.brokerId !== 3);
        o.nameServers.set(first, info);
        o.nameServers.set(second, new Error("timed out"));
      }),
    );
    expect(judgement.problems).toContain(`shanghai@broker on NameServer ${first}: waiting for ${addr(1, 2)} as brokerId 3`);
    expect(judgement.problems).toContain(`NameServer ${second} not answering (timed out)`);
  });
});
