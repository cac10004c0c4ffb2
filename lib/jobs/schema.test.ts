import { parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import en from "../i18n/messages/en/jobs.json";
import { english, translate } from "../i18n/translate";
import { type Message, type MessageKey, message, messageList, storedMessage } from "../i18n/message";
import { StepFailure, titled } from "./model";

const chinese = (text: Message) => translate(text, "zh-CN");

describe("what a job writes, in the reader's language", () => {
  const title = message("steps.install", { version: "4.9.3", host: "sz-1" });

  it("renders a step's title and the log lines around it in Chinese, and in English as the text columns hold it", () => {
    expect(titled(title)).toEqual({ title: "Install RocketMQ 4.9.3 on sz-1", titleMessage: title });
    expect(chinese(title)).toBe("在 sz-1 上安装 RocketMQ 4.9.3");

    const done = message("jobLog.stepSucceeded", { step: title, verdict: "changed", seconds: "12.0" });
    expect(english(done)).toBe("✓ Install RocketMQ 4.9.3 on sz-1: done (12.0 s)");
    expect(chinese(done)).toBe("✓ 在 sz-1 上安装 RocketMQ 4.9.3：已完成（12.0 秒）");

    const started = message("jobLog.node.up", { node: "suzhou@broker n0", pid: 12345, address: "10.0.0.1:10911", seconds: "3.4" });
    expect(english(started)).toBe("suzhou@broker n0 is up: pid 12345, 10.0.0.1:10911 answers after 3.4 s.");
    expect(chinese(started)).toBe("suzhou@broker n0 已启动：pid 12345，3.4 秒后 10.0.0.1:10911 有响应。");
  });

  it("joins a list the way each language does, and shows another program's words as they are", () => {
    const problems = messageList("semicolon", [
      message("jobLog.preflight.portsTaken", { ports: "9876", node: "NameServer :9876", host: "sz-1" }),
      message("jobLog.preflight.clockOff", { skew: 12000, host: "sz-1" }),
    ]);
    const failure = new StepFailure(message("jobLog.preflight.failed", { host: "sz-1", problems }));
    expect(failure.message).toBe(
      "sz-1: port(s) 9876 needed by NameServer :9876 are in use by another process on sz-1; its clock is 12000 ms off the panel's; fix NTP on sz-1.",
    );
    expect(chinese(failure.text!)).toBe(
      "sz-1：NameServer :9876 需要的端口 9876 已被 sz-1 上的其他进程占用；其时钟与面板相差 12000 毫秒；请修复 sz-1 上的 NTP。",
    );
    const ssh = new StepFailure("The SSH connection to 10.0.0.1 dropped");
    expect([ssh.text, ssh.message]).toEqual([null, "The SSH connection to 10.0.0.1 dropped"]);
    expect(english(message("jobLog.stepFailed", { step: title, error: ssh.message }))).toBe(
      "✗ Install RocketMQ 4.9.3 on sz-1: The SSH connection to 10.0.0.1 dropped",
    );
  });

  it("shows the English of a job written before texts were stored", () => {
    expect(storedMessage(null, "Deploy C revision #1")).toBe("Deploy C revision #1");
    expect(translate(storedMessage(null, "Deploy C revision #1"), "zh-CN")).toBe("Deploy C revision #1");
    // As the API sends it: through JSON and back.
    expect(translate(storedMessage(JSON.parse(JSON.stringify(title)), ""), "zh-CN")).toBe("在 sz-1 上安装 RocketMQ 4.9.3");
  });

  it("keeps numbers as written: a pid or an offset is never grouped", () => {
    expect(english(message("jobLog.operation.behind", { bytes: 1234567 }))).toBe("1234567 bytes behind the leader's commit log");
  });
});

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );

describe("the English catalog of jobs", () => {
  // Every message without a select reads exactly as its template with the values put in: no quote or apostrophe of the
  // old English text is taken for ICU syntax, so the text columns keep today's words.
  const plain = leaves(en as Tree).filter(([, template]) =>
    parse(template).every((e) => e.type === TYPE.literal || e.type === TYPE.argument),
  );

  it.each(plain)("%s renders as written", (key, template) => {
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const values = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
    expect(translate({ key: key as MessageKey, values }, "en")).toBe(template.replace(/\{(\w+)\}/g, "<$1>"));
  });
});
