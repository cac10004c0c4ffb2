import { afterEach, describe, expect, it, vi } from "vitest";
import { MESSAGES } from "../../i18n/catalog";
import { LOCALES } from "../../i18n/locales";
import type { MessageValue } from "../../i18n/message";
import { translate } from "../../i18n/translate";
import { runbookInput } from "../fixtures/lint-cases";
import { LINT_CORPUS } from "../fixtures/lint-corpus";
import { LINT_RULES, lintNodes } from "./lint";

const corpus = LINT_CORPUS.map((c) => {
  const input = runbookInput(c.version);
  c.edit(input);
  return { case: `${c.rule}: ${c.name}`, findings: lintNodes(input).filter((f) => f.ruleId === c.rule) };
});
const findings = corpus.flatMap((c) => c.findings);

afterEach(() => vi.restoreAllMocks());

describe("what the linter says", () => {
  it("has a case in the corpus for every rule", () => {
    expect(LINT_RULES.filter((rule) => !findings.some((f) => f.ruleId === rule.id)).map((r) => r.id)).toEqual([]);
  });

  it("is in English exactly what it was before the catalog (the API, the server's refusals and scripts read it)", async () => {
    const english = corpus.map((c) => ({ case: c.case, findings: c.findings.map((f) => ({ message: f.message, hint: f.hint })) }));
    await expect(`${JSON.stringify(english, null, 2)}\n`).toMatchFileSnapshot("../fixtures/lint-english.json");
  });

  it("renders the stored text as the English fields say it", () => {
    for (const f of findings) {
      expect(translate(f.text!, "en")).toBe(f.message);
      expect(translate(f.hintText!, "en")).toBe(f.hint);
    }
  });

  it.each(LOCALES)("renders every finding and every hint in %s", (locale) => {
    const errors = vi.spyOn(console, "error");
    const said = [...findings.map((f) => translate(f.text!, locale)), ...LINT_RULES.map((rule) => translate(rule.hintText!, locale))];
    expect(errors).not.toHaveBeenCalled();
    // A message that fails to render comes out as its key.
    expect(said.filter((text) => text.includes("lint.") || /[{}]/.test(text))).toEqual([]);
    if (locale === "zh-CN") expect(said.filter((text) => !/[\u4e00-\u9fff]/.test(text))).toEqual([]);
  });

  it("uses every lint message of the catalog", () => {
    const used = new Set<string>();
    const visit = (value: MessageValue) => {
      if (typeof value !== "object") return;
      if ("items" in value) {
        for (const item of value.items) visit(item);
        return;
      }
      used.add(value.key);
      for (const nested of Object.values(value.values ?? {})) visit(nested);
    };
    for (const f of findings) visit(f.text!);
    for (const rule of LINT_RULES) visit(rule.hintText!);
    const keys = (tree: object, prefix: string): string[] =>
      Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [`${prefix}.${key}`] : keys(value, `${prefix}.${key}`)));
    expect(keys(MESSAGES.en.lint, "lint").filter((key) => !used.has(key))).toEqual([]);
  });
});
