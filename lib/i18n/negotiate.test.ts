import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./negotiate";

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,zh-CN;q=0.5", "zh-CN"],
    ["en;q=0.4,zh-CN;q=0.8", "zh-CN"],
    ["de", "en"],
    ["", "en"],
    [null, "en"],
    ["*;q=0.1,,,;;", "en"],
  ])("%j → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});
