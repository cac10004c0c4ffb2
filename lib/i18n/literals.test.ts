import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { literalsIn } from "./literals";

const files = ["app", "components"]
  .flatMap((root) => (readdirSync(root, { recursive: true }) as string[]).map((path) => `${root}/${path}`))
  .filter((path) => path.endsWith(".tsx"))
  .sort();

describe("user-facing text comes from the message catalog", () => {
  it("finds JSX text, shown string expressions and user-facing props, and leaves keys, classes and symbols alone", () => {
    const source = `export const A = ({ n }) => (
      <div className="px-2" data-testid="x" aria-label="Close">
        Hosts {n > 1 ? "many" : "one"} {t("nav.hosts")} · {n ?? "none"} {\`\${n} left\`}
        <input placeholder={t("x")} title="Tip" />
      </div>
    );`;
    expect(literalsIn("a.tsx", source).map((l) => l.text)).toEqual(["Close", "Hosts", "many", "one", "none", "left", "Tip"]);
  });

  it.each(files)("%s renders no literal text", (file) => {
    expect(literalsIn(file, readFileSync(file, "utf8"))).toEqual([]);
  });
});
