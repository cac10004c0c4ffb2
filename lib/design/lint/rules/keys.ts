import { message } from "../../../i18n/message";
import { ALL_BROKER_KEYS, BROKER_KEYS_4, BROKER_KEYS_5 } from "../../render/broker-keys";
import type { LintRule, RuleHit } from "../types";
import { fixHint, nodeLocation } from "../types";
import type { NodeView } from "../../model/node-view";
import { nodeLabel } from "../../model/node-view";
import { suggestKey } from "../suggest";
import { isVersion5 } from "../../model/version";

function unknownKeyHits(node: NodeView): RuleHit[] {
  return Object.keys(node.props)
    .filter((key) => !ALL_BROKER_KEYS.has(key))
    .map((key) => {
      const suggestion = suggestKey(key, ALL_BROKER_KEYS);
      const values = { key, node: nodeLabel(node) };
      return {
        text: suggestion
          ? message("lint.unknownKey.withSuggestion", { ...values, suggestion })
          : message("lint.unknownKey.message", values),
        location: nodeLocation(node, key),
      };
    });
}

export const unknownKey: LintRule = {
  id: "unknown-key",
  severity: "warning",
  summary: "A property key RocketMQ does not know (often a typo or wrong case); the broker ignores it without a word.",
  ...fixHint("lint.unknownKey.hint"),
  check: (input) => input.nodes.flatMap(unknownKeyHits),
};

export const keyVersionMismatch: LintRule = {
  id: "key-version-mismatch",
  severity: "warning",
  summary: "A property key exists in another RocketMQ major version than the one this cluster runs, so it is ignored.",
  ...fixHint("lint.keyVersionMismatch.hint"),
  check: (input) => {
    const version = input.rocketmqVersion;
    if (version === undefined) return [];
    const [known, line] = isVersion5(version) ? [BROKER_KEYS_5, "5.x"] : [BROKER_KEYS_4, "4.9.x"];
    return input.nodes.flatMap((node) =>
      Object.keys(node.props)
        .filter((key) => ALL_BROKER_KEYS.has(key) && !known.has(key))
        .map((key) => ({
          text: message("lint.keyVersionMismatch.message", { key, node: nodeLabel(node), line, version }),
          location: nodeLocation(node, key),
        })),
    );
  },
};

export const valueWhitespace: LintRule = {
  id: "value-whitespace",
  severity: "warning",
  summary: "A value ends or starts with whitespace; RocketMQ then ignores numbers and booleans and keeps the spaces in names.",
  ...fixHint("lint.valueWhitespace.hint"),
  check: (input) =>
    input.nodes.flatMap((node) =>
      Object.entries(node.props)
        .filter(([, value]) => value !== value.trim())
        .map(([key, value]) => ({
          text: message("lint.valueWhitespace.message", { key, node: nodeLabel(node), value }),
          location: nodeLocation(node, key),
        })),
    ),
};

export const keyRules = [unknownKey, keyVersionMismatch, valueWhitespace];
