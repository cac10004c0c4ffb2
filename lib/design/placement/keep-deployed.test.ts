import { describe, expect, it } from "vitest";
import { completed, runbookDraft, runbookSpec, SUZHOU } from "../fixtures/specs";
import { lintSpec } from "../lint/lint";
import type { ClusterDraft, ClusterSpec } from "../model/schema";
import { renderAllFiles } from "../render/generate";
import { allocatePaths, allocatePorts, autoPlace, brokerPorts, makeGroupDraft } from "./allocate";
import { keepDeployedNodes } from "./keep-deployed";

// The scale-out: the two-center cluster runs (its deployed revision), and the operator adds a second group in
// suzhou from the wizard. The stored draft leaves sizes and ports open, as the wizard saves it.
const deployed = runbookSpec();
const deployedFiles = renderAllFiles(deployed);
const NEW_GROUP = "suzhou@broker-2";

function withSecondSuzhouGroup(draft: ClusterDraft = runbookDraft()): ClusterDraft {
  return { ...draft, groups: [...draft.groups, makeGroupDraft({ brokerName: NEW_GROUP, ...SUZHOU })] };
}

const contentByPath = (spec: ClusterSpec) => new Map(renderAllFiles(spec).map((f) => [f.path, f.content]));

/** Every port the deployed revision's processes hold, per host. */
function runningPorts(): Map<string, Set<number>> {
  const ports = new Map<string, Set<number>>();
  const claim = (host: string, list: number[]) => ports.set(host, new Set([...(ports.get(host) ?? []), ...list]));
  for (const ns of deployed.nameServers) claim(ns.hostId, [ns.port]);
  for (const node of deployed.groups.flatMap((g) => g.nodes)) claim(node.hostId, brokerPorts(node.listenPort, node.dLegerPort));
  return ports;
}

describe("adding a group to a running cluster", () => {
  it("re-sizes the running suzhou nodes when nothing keeps their values (the issue's bug)", () => {
    const files = contentByPath(completed(withSecondSuzhouGroup()));
    const before = files.get("brokers/suzhou@broker/broker-n0.conf");
    expect(before).not.toBe(deployedFiles.find((f) => f.path === "brokers/suzhou@broker/broker-n0.conf")?.content);
    expect(before).toContain("sendMessageThreadPoolNums=4");
  });

  const spec = completed(keepDeployedNodes(withSecondSuzhouGroup(), deployed));
  const files = contentByPath(spec);
  const newGroup = spec.groups.find((g) => g.brokerName === NEW_GROUP);

  it.each(deployedFiles.map((f) => [f.path, f] as const))("leaves %s byte for byte as deployed", (_, file) => {
    expect(files.get(file.path)).toBe(file.content);
  });

  it("places the new group on suzhou's hosts, one node per host, on ports no running process holds", () => {
    const running = runningPorts();
    expect(newGroup?.nodes.map((n) => n.hostId)).toEqual(["sz-1", "sz-2", "sz-3"]);
    for (const node of newGroup?.nodes ?? []) {
      const taken = running.get(node.hostId) ?? new Set<number>();
      expect(brokerPorts(node.listenPort, node.dLegerPort).filter((p) => taken.has(p))).toEqual([]);
    }
    expect(newGroup?.nodes.map((n) => [n.listenPort, n.dLegerPort])).toEqual([
      [30921, 40912],
      [30921, 40912],
      [30921, 40912],
    ]);
  });

  it("sizes only the new nodes, counting the running broker on each host", () => {
    // 8 CPUs and 16 GiB per host, now shared by two brokers; the running one keeps 8 threads and 4096 MB.
    expect(newGroup?.nodes.map((n) => [n.heapMb, n.sendMessageThreadPoolNums])).toEqual([
      [2048, 4],
      [2048, 4],
      [2048, 4],
    ]);
    expect(spec.groups[0].nodes.map((n) => [n.heapMb, n.sendMessageThreadPoolNums])).toEqual([
      [4096, 8],
      [4096, 8],
      [4096, 8],
    ]);
  });

  it("renders the new group's files as reviewed", async () => {
    for (const file of renderAllFiles(spec).filter((f) => f.group === NEW_GROUP)) {
      await expect(file.content).toMatchFileSnapshot(`../fixtures/golden/scale-out/${file.path}`);
    }
  });

  it("lints the whole cluster clean, new group included", () => {
    expect(lintSpec(spec)).toEqual([]);
  });

  it("gives the same result through the wizard's Auto-place and allocate", () => {
    const allocated = allocatePaths(allocatePorts(autoPlace(keepDeployedNodes(withSecondSuzhouGroup(), deployed))));
    expect(renderAllFiles(completed(allocated))).toEqual(renderAllFiles(spec));
  });

  it("lets the linter catch a new node put by hand on a running node's ports", () => {
    const draft = keepDeployedNodes(withSecondSuzhouGroup(), deployed);
    draft.groups[2].nodes[0] = { ...draft.groups[2].nodes[0], hostId: "sz-1", listenPort: 30911, dLegerPort: 40911 };
    const rules = lintSpec(completed(draft)).map((f) => [f.ruleId, f.severity]);
    expect(rules).toContainEqual(["port-collision", "error"]);
    expect(rules).toContainEqual(["dledger-port-collision", "error"]);
  });
});

describe("keepDeployedNodes", () => {
  it("marks the running nodes and only them", () => {
    const draft = keepDeployedNodes(withSecondSuzhouGroup(), deployed);
    expect(draft.groups.map((g) => g.nodes.map((n) => n.deployed ?? false))).toEqual([
      [true, true, true],
      [true, true, true],
      [false, false, false],
    ]);
  });

  it("keeps no mark in the spec", () => {
    const spec = completed(keepDeployedNodes(runbookDraft(), deployed));
    expect(spec.groups.flatMap((g) => g.nodes).some((n) => "deployed" in n)).toBe(false);
  });

  it("clears stale marks when nothing is deployed", () => {
    const marked = keepDeployedNodes(runbookDraft(), deployed);
    const cleared = keepDeployedNodes(marked, null);
    expect(cleared.groups.flatMap((g) => g.nodes).some((n) => "deployed" in n)).toBe(false);
    expect(cleared.groups[0].nodes[0].heapMb).toBe(4096);
  });

  it("changes only namesrvAddr in the running brokers' files when a NameServer joins", () => {
    const draft = runbookDraft();
    draft.nameServers.push({ hostId: "sz-2", address: "192.168.65.238", port: 9876 });
    const files = contentByPath(completed(keepDeployedNodes(draft, deployed)));
    for (const file of deployedFiles.filter((f) => f.role === "broker")) {
      const now = files.get(file.path)?.split("\n") ?? [];
      const was = file.content.split("\n");
      const changed = was.flatMap((line, i) => (line === now[i] ? [] : [[line, now[i]]]));
      expect(changed).toEqual([
        ["namesrvAddr=192.168.65.237:9876;192.168.65.239:9876", "namesrvAddr=192.168.65.237:9876;192.168.65.239:9876;192.168.65.238:9876"],
      ]);
    }
  });

  it("keeps an operator's edit to a running node: that is a change to apply", () => {
    const draft = runbookDraft();
    draft.groups[0].nodes[1] = { ...draft.groups[0].nodes[1], heapMb: 3072 };
    const spec = completed(keepDeployedNodes(draft, deployed));
    expect(spec.groups[0].nodes.map((n) => n.heapMb)).toEqual([4096, 3072, 4096]);
  });

  it("treats a node moved to another host as a new process", () => {
    const draft = runbookDraft();
    draft.groups[0].nodes[2] = { ...draft.groups[0].nodes[2], hostId: "sz-1" };
    const kept = keepDeployedNodes(draft, deployed);
    expect(kept.groups[0].nodes[2]).toEqual({ selfId: "n2", hostId: "sz-1", extraProperties: {} });
    const moved = completed(kept).groups[0].nodes[2];
    // sz-1 runs n0 already: the moved node gets its own ports and a share of the host.
    expect([moved.listenPort, moved.dLegerPort, moved.heapMb]).toEqual([30921, 40912, 2048]);
  });
});
