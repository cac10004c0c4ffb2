import { message } from "../../../i18n/message";
import type { LintRule, RuleHit } from "../types";
import { fixHint, nodeLocation } from "../types";
import { registeredBrokerId } from "../../model/derive";
import { groupNodes, nodeLabel, selfIdOf } from "../../model/node-view";
import { SELF_ID_PATTERN } from "../../model/schema";
import { peersOf } from "./facts";

export const selfIdMalformed: LintRule = {
  id: "self-id-malformed",
  severity: "error",
  summary:
    "dLegerSelfId is missing or not a letter followed by digits; RocketMQ derives the brokerId from the digits and fails to start otherwise.",
  ...fixHint("lint.selfIdMalformed.hint"),
  check: (input) =>
    input.nodes.flatMap((node): RuleHit[] => {
      const selfId = selfIdOf(node);
      if (selfId !== undefined && SELF_ID_PATTERN.test(selfId)) return [];
      const text =
        selfId === undefined
          ? message("lint.selfIdMalformed.missing", { node: nodeLabel(node) })
          : message("lint.selfIdMalformed.message", { node: nodeLabel(node), selfId });
      return [{ text, location: nodeLocation(node, "dLegerSelfId") }];
    }),
};

export const selfIdNotInPeers: LintRule = {
  id: "self-id-not-in-peers",
  severity: "error",
  summary: "A node's dLegerSelfId is not listed in its dLegerPeers, so DLedger cannot tell which port to open.",
  ...fixHint("lint.selfIdNotInPeers.hint"),
  check: (input) =>
    input.nodes.flatMap((node): RuleHit[] => {
      const selfId = selfIdOf(node);
      const members = peersOf(node).members;
      if (selfId === undefined || members.length === 0 || members.some((m) => m.id === selfId)) return [];
      const ids = members.map((m) => m.id).join(", ");
      return [
        { text: message("lint.selfIdNotInPeers.message", { node: nodeLabel(node), ids }), location: nodeLocation(node, "dLegerSelfId") },
      ];
    }),
};

export const selfIdDuplicate: LintRule = {
  id: "self-id-duplicate",
  severity: "error",
  summary: "Two nodes of a group share a dLegerSelfId, or ids like n1 and n01 that register the same brokerId.",
  ...fixHint("lint.selfIdDuplicate.hint"),
  check: (input) =>
    [...groupNodes(input.nodes)].flatMap(([group, nodes]) => {
      const seen = new Map<number, string>();
      const hits: RuleHit[] = [];
      for (const node of nodes) {
        const selfId = selfIdOf(node);
        const brokerId = selfId !== undefined && SELF_ID_PATTERN.test(selfId) ? registeredBrokerId(selfId, null) : undefined;
        if (brokerId === undefined) continue;
        const earlier = seen.get(brokerId);
        if (earlier !== undefined) {
          const text =
            earlier === selfId
              ? message("lint.selfIdDuplicate.message", { group, selfId })
              : message("lint.selfIdDuplicate.sameBrokerId", { group, earlier, selfId: selfId!, brokerId });
          hits.push({ text, location: nodeLocation(node, "dLegerSelfId") });
        } else seen.set(brokerId, selfId!);
      }
      return hits;
    }),
};

export const preferredLeaderUnknown: LintRule = {
  id: "preferred-leader-unknown",
  severity: "warning",
  summary: "preferredLeaderId names a node that is not in the group, so leadership is never handed over.",
  ...fixHint("lint.preferredLeaderUnknown.hint"),
  check: (input) =>
    [...groupNodes(input.nodes)].flatMap(([group, nodes]) => {
      const ids = new Set(nodes.flatMap((n) => selfIdOf(n) ?? []));
      return nodes
        .filter((n) => n.props.preferredLeaderId !== undefined && !ids.has(n.props.preferredLeaderId))
        .map((node) => ({
          text: message("lint.preferredLeaderUnknown.message", { id: node.props.preferredLeaderId, node: nodeLabel(node), group }),
          location: nodeLocation(node, "preferredLeaderId"),
        }));
    }),
};

export const selfIdRules = [selfIdMalformed, selfIdNotInPeers, selfIdDuplicate, preferredLeaderUnknown];
