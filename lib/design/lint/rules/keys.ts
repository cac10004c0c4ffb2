import { ALL_BROKER_KEYS, BROKER_KEYS_4, BROKER_KEYS_5 } from "../../render/broker-keys";
import type { LintRule, RuleHit } from "../types";
import { nodeLocation } from "../types";
import type { NodeView } from "../../model/node-view";
import { nodeLabel } from "../../model/node-view";
import { suggestKey } from "../suggest";
import { isVersion5 } from "../../model/version";

function unknownKeyHits(node: NodeView): RuleHit[] {
  return Object.keys(node.props)
    .filter((key) => !ALL_BROKER_KEYS.has(key))
    .map((key) => {
      const suggestion = suggestKey(key, ALL_BROKER_KEYS);
      const didYouMean = suggestion ? ` Did you mean ${suggestion}?` : "";
      return {
        message: `${key} on ${nodeLabel(node)} is not a RocketMQ broker setting and is silently ignored.${didYouMean}`,
        location: nodeLocation(node, key),
      };
    });
}

export const unknownKey: LintRule = {
  id: "unknown-key",
  severity: "warning",
  summary: "A property key RocketMQ does not know (often a typo or wrong case); the broker ignores it without a word.",
  hint: "Fix the spelling (keys are case-sensitive) or remove the key.",
  check: (input) => input.nodes.flatMap(unknownKeyHits),
};

export const keyVersionMismatch: LintRule = {
  id: "key-version-mismatch",
  severity: "warning",
  summary: "A property key exists in another RocketMQ major version than the one this cluster runs, so it is ignored.",
  hint: "Remove the key, or use the equivalent setting of this version.",
  check: (input) => {
    const version = input.rocketmqVersion;
    if (version === undefined) return [];
    const [known, line] = isVersion5(version) ? [BROKER_KEYS_5, "5.x"] : [BROKER_KEYS_4, "4.9.x"];
    return input.nodes.flatMap((node) =>
      Object.keys(node.props)
        .filter((key) => ALL_BROKER_KEYS.has(key) && !known.has(key))
        .map((key) => ({
          message: `${key} on ${nodeLabel(node)} is not read by RocketMQ ${line} (${version}).`,
          location: nodeLocation(node, key),
        })),
    );
  },
};

export const valueWhitespace: LintRule = {
  id: "value-whitespace",
  severity: "warning",
  summary: "A value ends or starts with whitespace; RocketMQ then ignores numbers and booleans and keeps the spaces in names.",
  hint: "Remove the spaces around the value.",
  check: (input) =>
    input.nodes.flatMap((node) =>
      Object.entries(node.props)
        .filter(([, value]) => value !== value.trim())
        .map(([key, value]) => ({
          message: `${key} of ${nodeLabel(node)} is "${value}", with surrounding whitespace.`,
          location: nodeLocation(node, key),
        })),
    ),
};

export const keyRules = [unknownKey, keyVersionMismatch, valueWhitespace];
