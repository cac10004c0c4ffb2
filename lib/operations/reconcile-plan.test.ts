import { describe, expect, it } from "vitest";
import { type ClusterSpec, renderAllFiles } from "../design";
import { runbookSpec, SUZHOU } from "../design/fixtures/specs";
import { message, type Message } from "../i18n/message";
import { english, translate } from "../i18n/translate";
import type { DriftItem, DriftKind } from "../nodes/drift/schema";
import { nodeLayouts, processKey } from "../nodes/layout";
import type { ClusterView, RevisionFiles } from "./plan-nodes";
import { reconcilePlan, type ReconcileInput } from "./reconcile-plan";
import type { OperationPlan } from "./schema";

// The reconcile plan behind "Apply", from the runbook's two-center cluster on 4.9.3: NameServers on sz-1 and sh-1,
// suzhou@broker on sz-1..3 and shanghai@broker on sh-1..3, each led by n1.

const SZ = "suzhou@broker";
const SH = "shanghai@broker";
const spec = runbookSpec("4.9.3");
const deployed: RevisionFiles = { number: 1, spec, files: renderAllFiles(spec) };
const chinese = (text: Message) => translate(text, "zh-CN");

const revision = (next: ClusterSpec, number = 2, lintErrors = 0): RevisionFiles => ({
  number,
  spec: next,
  files: renderAllFiles(next),
  lintErrors,
});

/** Every group led by n1 unless told otherwise; `down` lists "group/selfId". */
function view(options: { down?: string[]; leaders?: Record<string, string> } = {}): ClusterView {
  return {
    members: (brokerName) =>
      spec.groups
        .find((g) => g.brokerName === brokerName)
        ?.nodes.map((n) => {
          const up = !options.down?.includes(`${brokerName}/${n.selfId}`);
          return { selfId: n.selfId, up, leaderId: up ? (options.leaders?.[brokerName] ?? "n1") : null, maxOffset: 0 };
        }),
    nameServerUp: () => true,
  };
}

function plan(next: RevisionFiles, extra: Partial<ReconcileInput> = {}): OperationPlan {
  return planned(next, extra).plan;
}

function planned(next: RevisionFiles, extra: Partial<ReconcileInput> = {}) {
  return reconcilePlan({
    request: { action: "apply", revision: next.number, force: false, deleteData: false },
    deployed,
    next,
    nameServerJvmOptions: "-Xmx128m",
    view: view(),
    drift: null,
    ...extra,
  });
}

const steps = (p: OperationPlan) => p.steps.map((s) => `${s.action} ${s.label}`);
const keyOf = (brokerName: string, selfId: string) =>
  processKey(nodeLayouts(spec, deployed.files, "-Xmx128m").find((l) => l.label === `${brokerName} ${selfId}`)!);

/** A copy of the spec with hosts sz-4..6 and a third group on them (or on `hostIds`). */
function withGroup(base: ClusterSpec, brokerName: string, hostIds = ["sz-4", "sz-5", "sz-6"]): ClusterSpec {
  const next = structuredClone(base);
  for (const [i, id] of hostIds.entries()) {
    if (!next.hosts.some((h) => h.id === id))
      next.hosts.push({ id, name: id, address: `192.168.65.${250 + i}`, ...SUZHOU, cpuCount: 8, memoryBytes: 16 * 1024 ** 3 });
  }
  const template = structuredClone(base.groups[0]);
  next.groups.push({
    ...template,
    brokerName,
    dLegerGroup: brokerName,
    nodes: template.nodes.map((n, i) => {
      const host = next.hosts.find((h) => h.id === hostIds[i])!;
      const store = `/opt/rocketmq/store/${brokerName}-${n.selfId}`;
      return { ...n, hostId: host.id, hostAddress: host.address, storePathRootDir: store, storePathCommitLog: `${store}/commitlog` };
    }),
  });
  return next;
}

const drifted = (kind: DriftKind, process: string | null, hostId = "sz-1"): DriftItem => ({
  kind,
  hostId,
  hostName: hostId,
  process,
  label: process ?? "pid 4242 BrokerStartup -c /root/broker.conf",
  detail: message("drift.inSync", { revision: 1 }),
});
const check = (items: DriftItem[], revisionNumber = 1) => ({
  checkedAt: "2026-12-01T00:00:00.000Z",
  revision: revisionNumber,
  inSync: items.length === 0,
  hostsChecked: 6,
  items,
});

describe("config and JVM changes", () => {
  it("restart only the changed nodes, leader last, saying which keys changed", () => {
    const next = structuredClone(spec);
    next.groups[0].nodes[1].heapMb = 1024;
    next.groups[0].nodes[0].extraProperties = { transientStorePoolEnable: "false" };
    const p = plan(revision(next));
    expect(p.refusal).toBeNull();
    expect(steps(p)).toEqual([`apply ${SZ} n0`, `apply ${SZ} n1`]);
    expect(english(p.steps[0].why!)).toBe("transientStorePoolEnable changed");
    expect(english(p.steps[1].why!)).toMatch(/^JVM options .*-Xmx4096m.* → .*-Xmx1024m/);
    expect(p.changes?.map((c) => [c.kind, c.subject, c.refused])).toEqual([
      ["config", `${SZ} n0`, null],
      ["config", `${SZ} n1`, null],
    ]);
    expect(p.upgrade).toBeUndefined();
    expect(p.warnings.join(" ")).toMatch(/suzhou@broker n1 leads its group/);
  });

  it("a change in the files' comments alone restarts (the launch is the file), and says so", () => {
    const next = structuredClone(spec);
    next.cluster.name = "Renamed in the panel";
    const p = plan(revision(next));
    expect(p.steps).toHaveLength(8);
    expect(english(p.steps[0].why!)).toBe("only the comments of its config file changed");
    expect(p.changes?.filter((c) => c.kind === "config")).toHaveLength(8);
  });

  it("with nothing to restart, record the revision as deployed", () => {
    const next = structuredClone(spec);
    next.cluster.defaults.listenPortBase = 31911;
    const p = plan(revision(next));
    expect(p.steps).toEqual([]);
    expect(p.refusal).toBeNull();
    expect(p.warnings).toContain("No node's configuration or JVM options change: the job only records revision #2 as deployed.");
  });
});

describe("a version change", () => {
  it("within the line: install on every host first, then NameServers one at a time, then each group leader last", () => {
    const { plan: p, targets } = planned(revision(runbookSpec("4.9.7")), { view: view({ leaders: { [SH]: "n0" } }) });
    expect(p.refusal).toBeNull();
    expect(p.upgrade).toEqual({ from: "4.9.3", to: "4.9.7" });
    expect(steps(p)).toEqual([
      "install sz-1",
      "install sz-2",
      "install sz-3",
      "install sh-1",
      "install sh-2",
      "install sh-3",
      "upgrade NameServer 192.168.65.237:9876",
      "upgrade NameServer 192.168.65.239:9876",
      `upgrade ${SZ} n0`,
      `upgrade ${SZ} n2`,
      `upgrade ${SZ} n1`,
      `upgrade ${SH} n1`,
      `upgrade ${SH} n2`,
      `upgrade ${SH} n0`,
    ]);
    expect(p.steps.every((s) => english(s.why!).includes("RocketMQ 4.9.3 → 4.9.7"))).toBe(true);
    expect(p.steps[0].what).toBe("unpack RocketMQ 4.9.7 into /opt/rocketmq/rocketmq-4.9.7 beside what runs there; nothing stops");
    expect(p.steps[8].what).toMatch(/start it on RocketMQ 4\.9\.7 .* with the same store .* started again on RocketMQ 4\.9\.3/);
    expect(targets[0]).toEqual({ hostId: "sz-1", params: { host: "sz-1" } });
    expect(targets[6]).toEqual({ hostId: "sz-1", params: { process: "sz-1/namesrv-9876" } });
    expect(p.changes?.map((c) => [c.kind, english(c.text)])).toEqual([
      ["version", expect.stringMatching(/^RocketMQ 4\.9\.3 → 4\.9\.7: a rolling upgrade/)],
    ]);
  });

  it("across release lines is refused", () => {
    const from = { ...deployed, spec: runbookSpec("4.9.7"), files: renderAllFiles(runbookSpec("4.9.7")) };
    const p = plan(revision(runbookSpec("5.5.0")), { deployed: from });
    expect(p.refusal).toEqual({
      message: "RocketMQ 4.9.7 → 5.5.0 crosses release lines: not supported unless proven; upgrade within the line (4.9.3, 4.9.7).",
      forceable: false,
    });
  });

  it("to a version the panel does not pin is refused", () => {
    const p = plan(revision(runbookSpec("4.9.8")));
    expect(p.refusal?.message).toBe("RocketMQ 4.9.8 is not a release the panel assembles and tests. Choose one of 4.9.3, 4.9.7, 5.5.0.");
  });
});

describe("groups", () => {
  it("a new group on new hosts: installed there, started, nothing else restarts", () => {
    const { plan: p, targets } = planned(revision(withGroup(spec, "suzhou2@broker")));
    expect(p.refusal).toBeNull();
    expect(steps(p)).toEqual(["install sz-4", "install sz-5", "install sz-6", "start-group suzhou2@broker"]);
    expect(p.steps[3]).toMatchObject({ kind: "group", hostName: null, hostNames: ["sz-4", "sz-5", "sz-6"], selfId: null });
    expect(p.steps[3].what).toMatch(/config for n0 on sz-4, n1 on sz-5, n2 on sz-6, start them, wait until they elect a leader/);
    expect(english(p.steps[0].why!)).toBe("a new host of the cluster");
    expect(targets[3]).toEqual({ hostId: null, params: { group: "suzhou2@broker" } });
    expect(p.changes?.map((c) => [c.kind, english(c.text)])).toEqual([
      ["add-group", "suzhou2@broker is added: 3 nodes on sz-4, sz-5, sz-6, started before any group is removed"],
    ]);
  });

  it("a removed group is decommissioned, its store kept (and said where)", () => {
    const next = structuredClone(spec);
    next.groups = next.groups.filter((g) => g.brokerName !== SH);
    const { plan: p, targets } = planned(revision(next));
    expect(p.refusal).toBeNull();
    expect(steps(p)).toEqual([`decommission ${SH}`]);
    expect(p.steps[0].hostNames).toEqual(["sh-1", "sh-2", "sh-3"]);
    expect(p.steps[0].what).toMatch(
      /^wipe its write permission on every NameServer .* its store stays on disk \(sh-1:\/opt\/rocketmq\/store\/shanghai@broker-n0, /,
    );
    expect(targets[0]).toEqual({ hostId: null, params: { group: SH } });
    expect(p.changes?.map((c) => c.kind)).toEqual(["remove-group"]);
  });

  it("with deleteData, says the store is deleted and warns", () => {
    const next = structuredClone(spec);
    next.groups = next.groups.filter((g) => g.brokerName !== SH);
    const p = plan(revision(next), { request: { action: "apply", revision: 2, force: false, deleteData: true } });
    expect(p.steps[0].what).toMatch(/then delete its store \(sh-1:/);
    expect(p.warnings).toContain(
      "The stores of shanghai@broker are deleted once their nodes stop: what is left on them cannot be read again.",
    );
  });

  it("add-then-remove moves a group: the new one starts first, the old is decommissioned after", () => {
    const next = withGroup(spec, "suzhou2@broker");
    next.groups = next.groups.filter((g) => g.brokerName !== SZ);
    const p = plan(revision(next));
    expect(p.refusal).toBeNull();
    expect(steps(p)).toEqual(["install sz-4", "install sz-5", "install sz-6", "start-group suzhou2@broker", `decommission ${SZ}`]);
  });

  it("a new group that would take a port a removed group still holds is refused", () => {
    const next = withGroup(spec, "suzhou2@broker", ["sz-1", "sz-2", "sz-3"]);
    next.groups = next.groups.filter((g) => g.brokerName !== SZ);
    const p = plan(revision(next));
    expect(p.refusal?.message).toBe(
      "suzhou2@broker n0 would start on sz-1 while suzhou@broker n0 still holds port 30909 there (it is removed only after the new groups run). Give the new node other ports and store paths in revision #2.",
    );
  });

  it("removing every group is refused: the last group of the cluster", () => {
    const next = structuredClone(spec);
    next.groups = [];
    const p = plan(revision(next));
    expect(p.refusal?.message).toMatch(/^This revision removes the last group of the cluster \(suzhou@broker, shanghai@broker\)/);
    expect(p.changes?.filter((c) => c.refused).map((c) => c.subject)).toEqual([SZ, SH]);
  });
});

describe("nodes that move or change their group's peers", () => {
  it("a node on another port is refused, offering add-then-remove", () => {
    const next = structuredClone(spec);
    next.groups[0].nodes[0].listenPort += 100;
    const p = plan(revision(next));
    expect(p.refusal).toEqual({
      message:
        "A node cannot move with its DLedger store. Add a new group on the new host and remove this one in the same revision: the plan starts the new group first, then decommissions the old.",
      forceable: false,
    });
    expect(p.changes?.map((c) => [c.kind, english(c.text)])).toEqual([["move", "suzhou@broker n0 moves: listenPort 30911 → 31011"]]);
    expect(steps(p)).not.toContain(`apply ${SZ} n0`);
  });

  it("a node on another host is refused", () => {
    const next = withGroup(spec, "unused");
    next.groups.pop();
    next.groups[0].nodes[2] = { ...next.groups[0].nodes[2], hostId: "sz-4", hostAddress: "192.168.65.250" };
    const p = plan(revision(next));
    expect(p.changes?.find((c) => c.kind === "move")?.text).toEqual(
      message("reconcile.change.moves", { subject: `${SZ} n2`, what: "host sz-3 → sz-4, brokerIP1 192.168.65.240 → 192.168.65.250" }),
    );
    expect(p.refusal?.message).toMatch(/^A node cannot move with its DLedger store/);
  });

  it("another dLegerGroup is a move", () => {
    const next = structuredClone(spec);
    next.groups[1].dLegerGroup = "sh-raft";
    expect(plan(revision(next)).changes?.filter((c) => c.kind === "move")).toHaveLength(3);
  });

  it("a node added to or removed from a group is refused (its DLedger peers change)", () => {
    const added = structuredClone(spec);
    added.groups[0].nodes.push({ ...added.groups[0].nodes[0], selfId: "n3", listenPort: 31011, dLegerPort: 41011 });
    const p = plan(revision(added));
    expect(p.changes?.find((c) => c.kind === "membership")?.subject).toBe(`${SZ} n3`);
    expect(p.refusal?.message).toMatch(/^A running group's DLedger peers cannot change\. Add a new group with the nodes you want/);

    const removed = structuredClone(spec);
    removed.groups[0].nodes.pop();
    const q = plan(revision(removed));
    expect(q.changes?.filter((c) => c.kind === "membership").map((c) => english(c.text))).toEqual([
      "n2 leaves suzhou@broker (its DLedger peers change)",
    ]);
    expect(q.refusal?.forceable).toBe(false);
  });
});

describe("NameServers", () => {
  it("an added one starts first, then the brokers roll onto the new namesrvAddr", () => {
    const next = structuredClone(spec);
    next.nameServers.push({ hostId: "sz-2", address: "192.168.65.238", port: 9876 });
    const { plan: p, targets } = planned(revision(next));
    expect(p.refusal).toBeNull();
    expect(steps(p)).toEqual([
      "start-nameserver NameServer 192.168.65.238:9876",
      `apply ${SZ} n0`,
      `apply ${SZ} n2`,
      `apply ${SZ} n1`,
      `apply ${SH} n0`,
      `apply ${SH} n2`,
      `apply ${SH} n1`,
    ]);
    expect(english(p.steps[1].why!)).toBe("namesrvAddr changed");
    expect(targets[0]).toEqual({ hostId: "sz-2", params: { process: "sz-2/namesrv-9876" } });
    expect(p.changes?.[0]).toMatchObject({ kind: "add-nameserver", subject: "NameServer 192.168.65.238:9876", refused: null });
  });

  it("a removed one stops last, once the brokers were rolled off it, by the deployed revision's process", () => {
    const next = structuredClone(spec);
    next.nameServers = next.nameServers.filter((ns) => ns.hostId !== "sh-1");
    const { plan: p, targets } = planned(revision(next));
    expect(p.refusal).toBeNull();
    expect(steps(p).at(-1)).toBe("stop-nameserver NameServer 192.168.65.239:9876");
    expect(steps(p)).toHaveLength(7);
    expect(targets.at(-1)).toEqual({ hostId: "sh-1", params: { process: "sh-1/namesrv-9876" } });
    expect(p.changes?.[0]).toMatchObject({ kind: "remove-nameserver", refused: null });
  });

  it("removing every NameServer is refused", () => {
    const next = structuredClone(spec);
    next.nameServers = [{ hostId: "sz-2", address: "192.168.65.238", port: 9876 }];
    const p = plan(revision(next));
    expect(p.refusal?.message).toMatch(
      /^This revision removes every NameServer the cluster runs \(192\.168\.65\.237:9876, 192\.168\.65\.239:9876\)/,
    );
  });

  describe("upgrading in place", () => {
    const single = structuredClone(spec);
    single.nameServers = single.nameServers.slice(0, 1);
    const singleDeployed: RevisionFiles = { number: 1, spec: single, files: renderAllFiles(single) };
    const upgraded = (base: ClusterSpec) => {
      const next = structuredClone(base);
      next.cluster.rocketmqVersion = "4.9.7";
      return next;
    };

    it("the cluster's only NameServer is refused up front, an admin may force it", () => {
      const p = plan(revision(upgraded(single)), { deployed: singleDeployed });
      expect(p.refusal).toEqual({
        message: expect.stringMatching(/^192\.168\.65\.237:9876 is the cluster's only NameServer: /),
        forceable: true,
      });
      expect(p.refusal!.message).toMatch(/An admin may force it\.$/);
    });

    it("not when the same revision adds a second NameServer, started before the upgrade", () => {
      const next = upgraded(single);
      next.nameServers.push({ hostId: "sz-2", address: "192.168.65.238", port: 9876 });
      const p = plan(revision(next), { deployed: singleDeployed });
      expect(p.refusal).toBeNull();
      expect(steps(p).filter((s) => s.includes("NameServer"))).toEqual([
        "start-nameserver NameServer 192.168.65.238:9876",
        "upgrade NameServer 192.168.65.237:9876",
      ]);
    });

    it("nor with two NameServers answering; refused while the other one does not answer", () => {
      expect(plan(revision(upgraded(spec))).refusal).toBeNull();
      const otherDown: ClusterView = { ...view(), nameServerUp: (address) => address === "192.168.65.237:9876" };
      expect(plan(revision(upgraded(spec)), { view: otherDown }).refusal?.message).toMatch(
        /^No other NameServer answers \(192\.168\.65\.239:9876\)/,
      );
    });
  });

  it("one moved to another host is refused, offering add-then-remove", () => {
    const next = structuredClone(spec);
    next.nameServers[1] = { ...next.nameServers[1], hostId: "sh-2" };
    const p = plan(revision(next));
    expect(p.changes?.[0]).toMatchObject({ kind: "move", subject: "NameServer 192.168.65.239:9876" });
    expect(english(p.changes![0].text)).toBe("NameServer 192.168.65.239:9876 moves: sh-1 → sh-2");
    expect(p.refusal?.message).toMatch(/^A running NameServer cannot move\. Add the new NameServer .* then stops the old one\.$/);
  });
});

describe("what a running cluster cannot change", () => {
  it("installDir", () => {
    const next = structuredClone(spec);
    next.cluster.installDir = "/data/rocketmq";
    const p = plan(revision(next));
    expect(p.changes?.[0]).toMatchObject({ kind: "cluster", subject: "installDir" });
    expect(p.refusal?.message).toMatch(/^The panel does not move a running cluster's files\. Keep installDir \/opt\/rocketmq/);
  });

  it("brokerClusterName", () => {
    const next = structuredClone(spec);
    next.cluster.brokerClusterName = "OtherCluster";
    expect(plan(revision(next)).refusal?.message).toMatch(/cannot be renamed\. Keep RaftCluster in this revision/);
  });

  it("a revision with lint errors", () => {
    const next = structuredClone(spec);
    next.groups[0].nodes[0].heapMb = 1024;
    expect(plan(revision(next, 2, 2)).refusal?.message).toMatch(/2 lint error/);
  });
});

describe("drift", () => {
  it("the deployed revision itself with nothing drifted is refused", () => {
    const p = plan(deployed);
    expect(p.refusal?.message).toBe("Revision #1 is already the deployed revision.");
  });

  it("the deployed revision brings drifted nodes back: a stopped one started, another launch restarted, in rolling order", () => {
    const { plan: p, targets } = planned(deployed, {
      drift: check([drifted("other-launch", keyOf(SZ, "n1"), "sz-2"), drifted("stopped", keyOf(SH, "n2"), "sh-3")]),
      view: view({ down: [`${SH}/n2`] }),
    });
    expect(p.refusal).toBeNull();
    expect(steps(p)).toEqual([`apply ${SZ} n1`, `apply ${SH} n2`]);
    expect(english(p.steps[0].why!)).toBe("running another launch than revision #1's");
    expect(english(p.steps[1].why!)).toBe("stopped behind the panel's back");
    expect(targets[1].params).toEqual({ process: keyOf(SH, "n2") });
    expect(p.drift?.map((d) => english(d.action))).toEqual(["restarted with revision #1's launch by this plan", "started by this plan"]);
    expect(p.warnings).toContain(
      "Revision #1 is the deployed revision: nothing in it changes. The plan only brings the processes that drifted back to it.",
    );
  });

  it("a stopped node during an upgrade is started on the new release", () => {
    const p = plan(revision(runbookSpec("4.9.7")), { drift: check([drifted("stopped", keyOf(SZ, "n0"))]) });
    expect(english(p.steps.find((s) => s.label === `${SZ} n0`)!.why!)).toBe("RocketMQ 4.9.3 → 4.9.7; stopped behind the panel's back");
    expect(english(p.drift![0].action)).toBe("started on RocketMQ 4.9.7 by this plan");
  });

  it("says what it does about each kind of item", () => {
    const next = structuredClone(spec);
    next.groups[0].nodes[0].heapMb = 1024;
    next.groups = next.groups.filter((g) => g.brokerName !== SH);
    const p = plan(revision(next), {
      drift: check([
        drifted("conf-edited", keyOf(SZ, "n0")),
        drifted("conf-edited", keyOf(SZ, "n1"), "sz-2"),
        drifted("conf-missing", keyOf(SZ, "n0")),
        drifted("conf-missing", keyOf(SZ, "n2"), "sz-3"),
        drifted("stopped", keyOf(SH, "n0"), "sh-1"),
        drifted("unknown-process", null, "sz-3"),
        drifted("host-unreachable", null, "sh-2"),
      ]),
    });
    expect(p.drift?.map((d) => [d.kind, english(d.action)])).toEqual([
      ["conf-edited", "this plan restarts the node, which writes the revision's file again (the hand-edited one is kept as .prev)"],
      ["conf-edited", "the next start of this node writes the revision's file again (the hand-edited one is kept as .prev)"],
      ["conf-missing", "written by this plan's restart"],
      ["conf-missing", "written again at the node's next start; the running process does not read it"],
      ["stopped", "this plan removes it from the cluster"],
      ["unknown-process", "left alone: the panel never signals a process it did not start; check its ports"],
      ["host-unreachable", "steps on sh-2 fail until it answers"],
    ]);
    expect(steps(p)).toEqual([`apply ${SZ} n0`, `decommission ${SH}`]);
    expect(p.warnings).toContain("sh-2 did not answer the last drift check: steps on it fail until it answers.");
  });

  it("leaves out a check made against another revision, and says so", () => {
    const p = plan(deployed, { drift: check([drifted("stopped", keyOf(SZ, "n0"))], 0) });
    expect(p.drift).toEqual([]);
    expect(p.refusal?.message).toBe("Revision #1 is already the deployed revision.");
    expect(p.warnings.join(" ")).toMatch(/compared the hosts with revision #0, not the deployed #1/);
  });
});

describe("one plan with everything", () => {
  const everything = () => {
    const next = withGroup(runbookSpec("4.9.7"), "suzhou2@broker");
    next.groups = next.groups.filter((g) => g.brokerName !== SH);
    next.nameServers.push({ hostId: "sz-4", address: "192.168.65.250", port: 9876 });
    next.nameServers = next.nameServers.filter((ns) => ns.hostId !== "sh-1");
    return planned(revision(next), { drift: check([drifted("stopped", keyOf(SZ, "n2"), "sz-3"), drifted("unknown-process", null)]) });
  };

  it("takes the steps in order: install, new NameServers, new groups, rolls, decommissions, removed NameServers", () => {
    const { plan: p, targets } = everything();
    expect(p.refusal).toBeNull();
    const order = ["install", "start-nameserver", "start-group", "upgrade", "decommission", "stop-nameserver"];
    const ranks = p.steps.map((s) => order.indexOf(s.action));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(order.length);
    expect(steps(p).filter((s) => s.startsWith("upgrade"))).toEqual([
      "upgrade NameServer 192.168.65.237:9876",
      `upgrade ${SZ} n0`,
      `upgrade ${SZ} n2`,
      `upgrade ${SZ} n1`,
    ]);
    expect(new Set(p.steps.map((s) => s.key)).size).toBe(p.steps.length);
    expect(targets).toHaveLength(p.steps.length);
    expect([...new Set(p.changes?.map((c) => c.kind))]).toEqual([
      "version",
      "add-nameserver",
      "remove-nameserver",
      "add-group",
      "remove-group",
      "config",
    ]);
  });

  it("reads the same in English and Chinese", () => {
    const { plan: p } = everything();
    const texts: Message[] = [
      p.titleMessage,
      ...p.warningMessages,
      ...p.steps.flatMap((s) => [s.whatMessage, s.why!]),
      ...(p.changes ?? []).map((c) => c.text),
      ...(p.drift ?? []).map((d) => d.action),
    ];
    expect(p.title).toBe("Apply revision #2 to RaftCluster");
    expect(chinese(p.titleMessage)).toBe("将修订 #2 应用到 RaftCluster");
    expect(p.steps.map((s) => english(s.whatMessage))).toEqual(p.steps.map((s) => s.what));
    expect(p.warningMessages.map(english)).toEqual(p.warnings);
    for (const text of texts) {
      const zh = chinese(text);
      expect(zh).not.toMatch(/reconcile\.|operations\.|\{/);
      // Only a bare release change ("RocketMQ 4.9.3 → 4.9.7") reads the same in both.
      if (zh === english(text)) expect(zh).toMatch(/^RocketMQ [\d.]+ → [\d.]+$/);
    }
    expect(chinese(p.changes![0].text)).toBe("RocketMQ 4.9.3 → 4.9.7：滚动升级，先在每台主机上把新版本安装在旧版本旁边");

    const refused = plan(revision(runbookSpec("5.5.0")));
    expect(chinese(refused.refusalMessage!)).toBe(
      "RocketMQ 4.9.3 → 5.5.0 跨越了版本线：未经验证不支持；请在同一版本线内升级（4.9.3, 4.9.7）。",
    );
  });
});
