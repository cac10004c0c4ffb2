import { message, messageList } from "../../../i18n/message";
import type { LintRule } from "../types";
import { fixHint, nodeLocation } from "../types";
import { hostLabel, nodeLabel } from "../../model/node-view";
import { MISSING, nodesByHost, perGroup } from "./facts";

export const dledgerGroupName: LintRule = {
  id: "dledger-group-name",
  severity: "warning",
  summary: "dLegerGroup differs from brokerName; it works, but operators and tools expect them to match.",
  ...fixHint("lint.dledgerGroupName.hint"),
  check: (input) =>
    input.nodes
      .filter((n) => n.props.dLegerGroup !== undefined && n.props.brokerName !== undefined && n.props.dLegerGroup !== n.props.brokerName)
      .map((node) => ({
        text: message("lint.dledgerGroupName.message", {
          node: nodeLabel(node),
          dLegerGroup: node.props.dLegerGroup,
          brokerName: node.props.brokerName,
        }),
        location: nodeLocation(node, "dLegerGroup"),
      })),
};

export const dledgerGroupInconsistent: LintRule = {
  id: "dledger-group-inconsistent",
  severity: "error",
  summary: "Nodes with the same brokerName name different dLegerGroups, so they never form one Raft group.",
  ...fixHint("lint.dledgerGroupInconsistent.hint"),
  check: (input) =>
    perGroup(input, (group, nodes) => {
      const names = [...new Set(nodes.map((n) => n.props.dLegerGroup))];
      if (names.length < 2) return [];
      const values = messageList(
        "comma",
        names.map((name) => name ?? MISSING),
      );
      return [{ text: message("lint.dledgerGroupInconsistent.message", { group, values }), location: { group, key: "dLegerGroup" } }];
    }),
};

export const groupSize: LintRule = {
  id: "group-size",
  severity: "warning",
  summary: "A group with fewer than 3 nodes, or an even number, tolerates no more failures than the next smaller odd size.",
  ...fixHint("lint.groupSize.hint"),
  check: (input) =>
    perGroup(input, (group, nodes) => {
      const n = nodes.length;
      if (n >= 3 && n % 2 === 1) return [];
      const tolerance = Math.floor((n - 1) / 2);
      return [{ text: message("lint.groupSize.message", { group, nodes: n, tolerance }), location: { group } }];
    }),
};

export const groupSameHost: LintRule = {
  id: "group-same-host",
  severity: "warning",
  summary: "Several nodes of one group run on the same host, so losing that host can take the group's majority with it.",
  ...fixHint("lint.groupSameHost.hint"),
  check: (input) =>
    perGroup(input, (group, nodes) =>
      [...nodesByHost(nodes).values()]
        .filter((onHost) => onHost.length > 1)
        .map((onHost) => ({
          text: message("lint.groupSameHost.message", { nodes: onHost.map(nodeLabel).join(", "), group, host: hostLabel(onHost[0].host!) }),
          location: nodeLocation(onHost[1]),
        })),
    ),
};

export const nodeDatacenterMismatch: LintRule = {
  id: "node-datacenter-mismatch",
  severity: "warning",
  summary: "A node runs on a host in another datacenter than its group's.",
  ...fixHint("lint.nodeDatacenterMismatch.hint"),
  check: (input) =>
    input.nodes
      .filter((n) => n.host?.datacenterId && n.groupDatacenterId && n.host.datacenterId !== n.groupDatacenterId)
      .map((node) => ({
        text: message("lint.nodeDatacenterMismatch.message", {
          node: nodeLabel(node),
          host: hostLabel(node.host!),
          datacenter: node.host!.datacenterCode ?? node.host!.datacenterId!,
          groupDatacenter: node.groupDatacenterCode ?? node.groupDatacenterId!,
        }),
        location: nodeLocation(node),
      })),
};

export const groupRules = [dledgerGroupName, dledgerGroupInconsistent, groupSize, groupSameHost, nodeDatacenterMismatch];
