import type { LintRule } from "../types";
import { nodeLocation } from "../types";
import { hostLabel, nodeLabel } from "../../model/node-view";
import { nodesByHost, perGroup } from "./facts";

export const dledgerGroupName: LintRule = {
  id: "dledger-group-name",
  severity: "warning",
  summary: "dLegerGroup differs from brokerName; it works, but operators and tools expect them to match.",
  hint: "Set dLegerGroup to the brokerName.",
  check: (input) =>
    input.nodes
      .filter((n) => n.props.dLegerGroup !== undefined && n.props.brokerName !== undefined && n.props.dLegerGroup !== n.props.brokerName)
      .map((node) => ({
        message: `${nodeLabel(node)} has dLegerGroup ${node.props.dLegerGroup} but brokerName ${node.props.brokerName}.`,
        location: nodeLocation(node, "dLegerGroup"),
      })),
};

export const dledgerGroupInconsistent: LintRule = {
  id: "dledger-group-inconsistent",
  severity: "error",
  summary: "Nodes with the same brokerName name different dLegerGroups, so they never form one Raft group.",
  hint: "Use one dLegerGroup value on every node of the group.",
  check: (input) =>
    perGroup(input, (group, nodes) => {
      const names = [...new Set(nodes.map((n) => n.props.dLegerGroup ?? "(missing)"))];
      if (names.length < 2) return [];
      return [{ message: `Nodes of group ${group} use dLegerGroup values ${names.join(", ")}.`, location: { group, key: "dLegerGroup" } }];
    }),
};

export const groupSize: LintRule = {
  id: "group-size",
  severity: "warning",
  summary: "A group with fewer than 3 nodes, or an even number, tolerates no more failures than the next smaller odd size.",
  hint: "Use 3 or 5 nodes per group: 3 survive one failure, 5 survive two.",
  check: (input) =>
    perGroup(input, (group, nodes) => {
      const n = nodes.length;
      if (n >= 3 && n % 2 === 1) return [];
      const tolerance = Math.floor((n - 1) / 2);
      const message = `Group ${group} has ${n} node${n === 1 ? "" : "s"}; it survives ${tolerance} failure${tolerance === 1 ? "" : "s"}.`;
      return [{ message, location: { group } }];
    }),
};

export const groupSameHost: LintRule = {
  id: "group-same-host",
  severity: "warning",
  summary: "Several nodes of one group run on the same host, so losing that host can take the group's majority with it.",
  hint: "Place each node of a group on a different host.",
  check: (input) =>
    perGroup(input, (group, nodes) =>
      [...nodesByHost(nodes).values()]
        .filter((onHost) => onHost.length > 1)
        .map((onHost) => ({
          message: `${onHost.map(nodeLabel).join(", ")} of group ${group} all run on ${hostLabel(onHost[0].host!)}.`,
          location: nodeLocation(onHost[1]),
        })),
    ),
};

export const nodeDatacenterMismatch: LintRule = {
  id: "node-datacenter-mismatch",
  severity: "warning",
  summary: "A node runs on a host in another datacenter than its group's.",
  hint: "Move the node to a host of the group's datacenter, or change the group's datacenter.",
  check: (input) =>
    input.nodes
      .filter((n) => n.host?.datacenterId && n.groupDatacenterId && n.host.datacenterId !== n.groupDatacenterId)
      .map((node) => ({
        message: `${nodeLabel(node)} runs on ${hostLabel(node.host!)} in datacenter ${node.host!.datacenterCode ?? node.host!.datacenterId}, but its group belongs to ${node.groupDatacenterCode ?? node.groupDatacenterId}.`,
        location: nodeLocation(node),
      })),
};

export const groupRules = [dledgerGroupName, dledgerGroupInconsistent, groupSize, groupSameHost, nodeDatacenterMismatch];
