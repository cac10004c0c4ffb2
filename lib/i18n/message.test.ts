import { describe, expect, it } from "vitest";
import { type Message, type MessageValue, message, messageList, type Separator, storedMessage } from "./message";
import { english, translate } from "./translate";

const chinese = (text: Message) => translate(text, "zh-CN");
const verbatim = (text: MessageValue) => message("errors.verbatim", { text });

describe("a message whose values are messages and lists", () => {
  const holders = messageList("and", [
    message("lint.ports.holder", { owner: "NameServer", purpose: message("lint.ports.nameServerPort") }),
    message("lint.ports.holder", { owner: "suzhou@broker/n0", purpose: message("lint.ports.fastChannel") }),
  ]);
  const collision = message("lint.ports.collision", { port: 9876, host: "sz-1", holders });

  it("says every part in the reader's language, innermost first", () => {
    expect(english(collision)).toBe(
      "Port 9876 on sz-1 is used by NameServer (NameServer port) and suzhou@broker/n0 (fast channel (listenPort-2)); the process started second cannot bind it.",
    );
    expect(chinese(collision)).toBe(
      "sz-1 上的端口 9876 同时被 NameServer（NameServer 端口）、suzhou@broker/n0（快速通道 (listenPort-2)） 使用；后启动的进程无法绑定该端口。",
    );
  });

  it("joins a list with the words of the reader's language, a string item as it is", () => {
    const separators: Separator[] = ["and", "comma", "semicolon"];
    const joined = separators.map((separator) => verbatim(messageList(separator, ["a", message("lint.missing")])));
    expect(joined.map(english)).toEqual(["a and (missing)", "a, (missing)", "a; (missing)"]);
    expect(joined.map(chinese)).toEqual(["a、（未设置）", "a，（未设置）", "a；（未设置）"]);
  });

  it("shows a string as it is", () => {
    expect([english("The SSH connection dropped"), chinese(verbatim("{not ICU}"))]).toEqual(["The SSH connection dropped", "{not ICU}"]);
  });
});

describe("numbers in a message", () => {
  it("are written as they are where a message names something with them: a port, a pid, a size", () => {
    const up = message("jobLog.node.up", { node: "n0", pid: 1234567, address: "10.0.0.1:30911", seconds: "3.4" });
    expect(english(up)).toBe("n0 is up: pid 1234567, 10.0.0.1:30911 answers after 3.4 s.");
    expect(chinese(up)).toContain("pid 1234567");
    const port = message("lint.ports.collision", { port: 30911, host: "h", holders: messageList("and", []) });
    expect([english(port), chinese(port)].map((text) => text.match(/\d[\d,]*/)?.[0])).toEqual(["30911", "30911"]);
  });

  it("choose a plural's form, and only a plural's # groups the digits of a count", () => {
    const size = (nodes: number, tolerance: number) => english(message("lint.groupSize.message", { group: "g", nodes, tolerance }));
    expect(size(1, 0)).toBe("Group g has 1 node; it survives 0 failures.");
    expect(size(2, 0)).toBe("Group g has 2 nodes; it survives 0 failures.");
    expect(size(1000, 1)).toBe("Group g has 1,000 nodes; it survives 1 failure.");
    expect(chinese(message("lint.groupSize.message", { group: "g", nodes: 2, tolerance: 0 }))).toBe(
      "组 g 有 2 个节点；最多可容忍 0 个节点故障。",
    );
  });
});

describe("a stored message", () => {
  it("reads as written by the jobs earlier, numbers as strings and lists with their separator", () => {
    const stored = JSON.parse(
      '{"key":"jobLog.operation.notRegisteredYet","values":{"missing":{"items":[{"key":"jobLog.health.asBrokerId","values":{"address":"10.0.0.1:10911","id":"0"}},"x"],"separator":"comma"}}}',
    );
    expect(english(storedMessage(stored, ""))).toBe("not registered yet: 10.0.0.1:10911 as brokerId 0, x");
    expect(translate(storedMessage(stored, ""), "zh-CN")).toBe("尚未注册：10.0.0.1:10911（brokerId 0），x");
  });

  it("falls back to the English written beside it on a row from before messages were stored", () => {
    expect([null, undefined, "text", 3].map((stored) => storedMessage(stored, "Deploy C revision #1"))).toEqual(
      Array(4).fill("Deploy C revision #1"),
    );
  });
});
