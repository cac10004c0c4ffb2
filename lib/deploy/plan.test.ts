import { describe, expect, it } from "vitest";
import { renderAllFiles } from "../design";
import { english, translate } from "../i18n/translate";
import { runbookHosts, runbookSpec } from "../design/fixtures/specs";
import { nodeLayouts } from "../nodes/layout";
import { PlanError, buildDeployPlan } from "./plan";

const spec = runbookSpec("4.9.3");
const files = renderAllFiles(spec);
const inventory = runbookHosts().map((h) => ({ id: h.id, name: h.name, address: h.address }));
const options = { source: { kind: "upload" as const }, nameServerJvmOptions: "-Xms64m -Xmx128m" };

describe("the deploy plan of the runbook's two-center cluster", () => {
  const plan = buildDeployPlan(spec, files, inventory, options);

  it("checks, installs and configures every host, starts NameServers before brokers, and verifies last", () => {
    const byStage = (action: string) => plan.steps.filter((s) => s.action === action).map((s) => s.hostName);
    expect(byStage("preflight")).toEqual(["sh-1", "sh-2", "sh-3", "sz-1", "sz-2", "sz-3"]);
    expect(byStage("install")).toHaveLength(6);
    expect(byStage("configure")).toHaveLength(6);
    expect(byStage("start-namesrv")).toEqual(["sh-1", "sz-1"]);
    expect(byStage("start-brokers")).toHaveLength(6);
    expect(plan.steps.at(-1)).toMatchObject({ key: "verify", action: "verify" });
    const stages = plan.steps.map((s) => s.stage);
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
    expect(new Set(plan.steps.map((s) => s.key)).size).toBe(plan.steps.length);
  });

  it("tells the reviewer what happens on each host", () => {
    const sz1 = plan.hosts.find((h) => h.hostName === "sz-1")!;
    expect(sz1.nodes.map((n) => n.label)).toEqual(["NameServer :9876", "suzhou@broker n0"]);
    expect(sz1.actions.join("\n")).toMatch(/install RocketMQ 4\.9\.3 into \/opt\/rocketmq\/rocketmq-4\.9\.3 \(upload/);
    expect(sz1.actions.join("\n")).toMatch(/start broker suzhou@broker n0 \(-Xms\d+m -Xmx\d+m\)/);
  });

  it("titles every step and describes every host in Chinese too, its English being the text shown and stored today", () => {
    const chinese = plan.steps.map((s) => translate(s.titleMessage!, "zh-CN"));
    expect(plan.steps.map((s) => english(s.titleMessage!))).toEqual(plan.steps.map((s) => s.title));
    expect(plan.steps.find((s) => s.action === "start-namesrv")?.title).toBe("Start NameServer on sh-1");
    expect(chinese).toContain("在 sh-1 上启动 NameServer");
    expect(chinese.at(-1)).toBe("校验注册情况和 leader");
    const sz1 = plan.hosts.find((h) => h.hostName === "sz-1")!;
    expect(sz1.actionMessages.map(english)).toEqual(sz1.actions);
    expect(translate(sz1.actionMessages[1], "zh-CN")).toMatch(
      /^将 RocketMQ 4\.9\.3 安装到 \/opt\/rocketmq\/rocketmq-4\.9\.3（通过 SFTP 上传面板自带的安装包，并校验其 SHA-256；已安装则跳过）$/,
    );
  });

  it("refuses a revision whose hosts left the inventory", () => {
    expect(() => buildDeployPlan(spec, files, inventory.slice(1), options)).toThrow(PlanError);
    expect(() => buildDeployPlan(spec, files, inventory.slice(1), options)).toThrow(/sz-1.*no longer in the inventory/);
  });
});

describe("node layout", () => {
  const layouts = nodeLayouts(spec, files, options.nameServerJvmOptions);

  it("gives every process its own folder, pidfile, logs and conf, and lists every port it opens", () => {
    const n0 = layouts.find((n) => n.label === "suzhou@broker n0")!;
    expect(n0.dir).toBe("/opt/rocketmq/nodes/broker-suzhou@broker-n0");
    expect(n0.confPath).toBe(`${n0.dir}/broker-n0.conf`);
    expect(n0.pidfile).toBe(`${n0.dir}/run.pid`);
    const listenPort = spec.groups[0].nodes[0].listenPort;
    expect(n0.ports).toEqual([listenPort - 2, listenPort, listenPort + 1, spec.groups[0].nodes[0].dLegerPort]);
    expect(new Set(layouts.map((n) => `${n.hostId}/${n.dir}`)).size).toBe(layouts.length);
  });

  it("changes a node's launch fingerprint only when what it is started with changes", () => {
    const again = nodeLayouts(spec, files, options.nameServerJvmOptions);
    expect(again.map((n) => n.launchFingerprint)).toEqual(layouts.map((n) => n.launchFingerprint));
    const bigger = nodeLayouts(spec, files, "-Xms256m -Xmx256m");
    expect(bigger.filter((n, i) => n.launchFingerprint !== layouts[i].launchFingerprint).map((n) => n.kind)).toEqual([
      "namesrv",
      "namesrv",
    ]);
  });
});
