import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { CATALOG_FILES, MESSAGES } from "./catalog";
import { LOCALES } from "./locales";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The placeholders a message uses ({count}, {name, select, …}, <b>…</b>): both languages must use the same. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

const catalogs = LOCALES.map((locale) => [locale, flatten(MESSAGES[locale] as Tree)] as const);
const [, reference] = catalogs[0];

describe("message catalogs", () => {
  it.each(LOCALES)("%s defines each namespace in one file only", (locale) => {
    const owners = new Map<string, string[]>();
    for (const [file, namespaces] of Object.entries(CATALOG_FILES[locale])) {
      for (const namespace of Object.keys(namespaces)) owners.set(namespace, [...(owners.get(namespace) ?? []), file]);
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it.each(catalogs)("%s has exactly the keys of every other catalog", (_locale, messages) => {
    const keys = (m: Map<string, string>) => [...m.keys()].sort();
    expect({ missing: keys(reference).filter((k) => !messages.has(k)), extra: keys(messages).filter((k) => !reference.has(k)) }).toEqual({
      missing: [],
      extra: [],
    });
  });

  it.each(catalogs)("every %s message is a valid, non-empty ICU message with the English placeholders", (_locale, messages) => {
    const problems: string[] = [];
    for (const [key, text] of messages) {
      if (text.trim() === "") problems.push(`${key}: empty`);
      try {
        const mine = [...argumentsOf(parse(text))].sort();
        const english = [...argumentsOf(parse(reference.get(key) ?? ""))].sort();
        if (mine.join() !== english.join()) problems.push(`${key}: placeholders {${mine}} but English has {${english}}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
