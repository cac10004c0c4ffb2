import { describe, expect, it } from "vitest";
import { diffFiles, diffLines } from "./diff";
import { runbookSpec } from "../fixtures/specs";
import { renderAllFiles } from "./generate";

const render = (lines: ReturnType<typeof diffLines>) => lines.map((l) => `${{ equal: " ", add: "+", remove: "-" }[l.op]}${l.text}`);

describe("diffLines", () => {
  it("keeps common lines and marks changes with line numbers", () => {
    const lines = diffLines("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(render(lines)).toEqual([" a", "-b", "+B", " c", "+d"]);
    expect(lines[1]).toEqual({ op: "remove", text: "b", oldLine: 2 });
    expect(lines[2]).toEqual({ op: "add", text: "B", newLine: 2 });
    expect(lines[4]).toEqual({ op: "add", text: "d", newLine: 4 });
    expect(lines[3]).toEqual({ op: "equal", text: "c", oldLine: 3, newLine: 3 });
  });

  it("finds the longest common subsequence in the middle", () => {
    expect(render(diffLines("x\n1\n2\n3\n4\ny", "x\n2\n4\n5\ny"))).toEqual([" x", "-1", " 2", "-3", " 4", "+5", " y"]);
  });

  it("handles empty sides", () => {
    expect(render(diffLines("", "a\nb"))).toEqual(["+a", "+b"]);
    expect(render(diffLines("a", ""))).toEqual(["-a"]);
    expect(diffLines("", "")).toEqual([]);
  });

  it("replays to both texts", () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 200; i++) {
      const text = () => Array.from({ length: Math.floor(random() * 15) }, () => "abcd"[Math.floor(random() * 4)]).join("\n");
      const [a, b] = [text(), text()];
      const lines = diffLines(a, b);
      expect(
        lines
          .filter((l) => l.op !== "add")
          .map((l) => l.text)
          .join("\n"),
      ).toBe(a);
      expect(
        lines
          .filter((l) => l.op !== "remove")
          .map((l) => l.text)
          .join("\n"),
      ).toBe(b);
    }
  });

  it("falls back to remove-all/add-all for huge inputs instead of a huge table", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join("\n");
    const lines = diffLines(a, b);
    expect(lines.filter((l) => l.op === "remove")).toHaveLength(3000);
    expect(lines.filter((l) => l.op === "add")).toHaveLength(3000);
  });
});

describe("diffFiles between two revisions", () => {
  it("shows a moved node as one changed line in each file of its group", () => {
    const before = runbookSpec();
    const after = structuredClone(before);
    after.groups[0].nodes[2].brokerIP1 = "10.0.0.3";
    const diffs = diffFiles(renderAllFiles(before), renderAllFiles(after));
    const changed = diffs.filter((d) => d.change === "changed");
    expect(changed.map((d) => d.path)).toEqual([
      "brokers/suzhou@broker/broker-n0.conf",
      "brokers/suzhou@broker/broker-n1.conf",
      "brokers/suzhou@broker/broker-n2.conf",
    ]);
    expect(changed.map((d) => [d.added, d.removed])).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
    expect(diffs.filter((d) => d.change === "unchanged")).toHaveLength(5);
  });

  it("reports added and removed files, new order first", () => {
    const diffs = diffFiles(
      [
        { path: "old", content: "x\n" },
        { path: "same", content: "s\n" },
      ],
      [
        { path: "same", content: "s\n" },
        { path: "new", content: "y\n" },
      ],
    );
    expect(diffs.map((d) => [d.path, d.change, d.added, d.removed])).toEqual([
      ["same", "unchanged", 0, 0],
      ["new", "added", 1, 0],
      ["old", "removed", 0, 1],
    ]);
  });
});
