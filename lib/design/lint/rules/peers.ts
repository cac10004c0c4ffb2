import type { LintRule, RuleHit } from "../types";
import { nodeLocation } from "../types";
import type { NodeView } from "../../model/node-view";
import { hostLabel, nodeLabel, selfIdOf } from "../../model/node-view";
import { formatPeers, isIpLiteral, isLoopbackAddress } from "../../model/peers";
import { distinctHostCount, ownPeerEntry, peersOf, perGroup } from "./facts";

/** Peers as DLedger sees them: order does not matter, so compare sorted entries. */
function canonicalPeers(node: NodeView): string {
  return formatPeers([...peersOf(node).members].sort((a, b) => a.id.localeCompare(b.id)));
}

export const peersMalformed: LintRule = {
  id: "peers-malformed",
  severity: "error",
  summary:
    "dLegerPeers is missing or not of the form n0-host:port;n1-host:port; a malformed value crashes broker start (apache/rocketmq #1161).",
  hint: "Write dLegerPeers as <selfId>-<host>:<port> entries separated by ';', one per node of the group, without spaces.",
  check: (input) =>
    input.nodes.flatMap((node) =>
      peersOf(node).problems.map((problem) => ({
        message: `dLegerPeers of ${nodeLabel(node)}: ${problem}.`,
        location: nodeLocation(node, "dLegerPeers"),
      })),
    ),
};

export const peersInconsistent: LintRule = {
  id: "peers-inconsistent",
  severity: "error",
  summary: "Nodes of one group list different dLegerPeers, so they disagree on who votes and elections can split.",
  hint: "Copy one dLegerPeers value, listing every node of the group with its real address, to every node of the group.",
  check: (input) =>
    perGroup(input, (group, nodes) => {
      const variants = new Map<string, string[]>();
      for (const node of nodes) variants.set(canonicalPeers(node), [...(variants.get(canonicalPeers(node)) ?? []), nodeLabel(node)]);
      if (variants.size < 2) return [];
      const listing = [...variants].map(([peers, owners]) => `${owners.join(", ")}: "${peers}"`).join("; ");
      return [
        {
          message: `Group ${group} has ${variants.size} different dLegerPeers values (${listing}).`,
          location: { group, key: "dLegerPeers" },
        },
      ];
    }),
};

/** Every member the group's peers declare is a known node, and all of them share one host. */
function wholeGroupOnOneHost(nodes: NodeView[]): boolean {
  const known = new Set(nodes.flatMap((n) => selfIdOf(n) ?? []));
  const declared = nodes.flatMap((n) => peersOf(n).members.map((m) => m.id));
  return distinctHostCount(nodes) <= 1 && declared.every((id) => known.has(id));
}

function ownAddressMismatch(node: NodeView, oneHost: boolean): RuleHit[] {
  const own = ownPeerEntry(node);
  if (!own || !node.host) return [];
  // A whole group on one machine (bin/dledger/fast-try.sh) may use 127.0.0.1 and still work.
  if (isLoopbackAddress(own.host) && oneHost) return [];
  const known = [...node.host.addresses, ...(node.props.brokerIP1 ? [node.props.brokerIP1] : [])];
  if (known.includes(own.host)) return [];
  // Without DNS a host name cannot be compared with an IP, so only IP against IP (or loopback) counts.
  const comparable = isLoopbackAddress(own.host) || (isIpLiteral(own.host) && known.some(isIpLiteral));
  if (!comparable) return [];
  const message = `dLegerPeers says ${own.id} is at ${own.host}:${own.port}, but ${nodeLabel(node)} runs on ${hostLabel(node.host)}; the other nodes cannot reach it there.`;
  return [{ message, location: nodeLocation(node, "dLegerPeers") }];
}

export const peerAddressMismatch: LintRule = {
  id: "peer-address-mismatch",
  severity: "error",
  summary: "A node's own entry in dLegerPeers does not carry the real address of the host it runs on.",
  hint: "Put each node's host address (its brokerIP1) in its dLegerPeers entry.",
  check: (input) =>
    perGroup(input, (_, nodes) => {
      const oneHost = wholeGroupOnOneHost(nodes);
      return nodes.flatMap((n) => ownAddressMismatch(n, oneHost));
    }),
};

export const peersLoopback: LintRule = {
  id: "peers-loopback",
  severity: "error",
  summary: "dLegerPeers names 127.0.0.1/localhost while the group's nodes run on different hosts, so they can never reach each other.",
  hint: "Replace loopback addresses in dLegerPeers with each node's host address.",
  check: (input) =>
    perGroup(input, (group, nodes) => {
      if (distinctHostCount(nodes) <= 1) return [];
      const loopback = nodes.find((n) => peersOf(n).members.some((m) => isLoopbackAddress(m.host)));
      if (!loopback) return [];
      const hosts = [...new Set(nodes.flatMap((n) => (n.host ? [n.host.address] : [])))].join(", ");
      const message = `dLegerPeers of group ${group} use loopback addresses ("${loopback.props.dLegerPeers}") but its nodes run on ${hosts}.`;
      return [{ message, location: { group, key: "dLegerPeers" } }];
    }),
};

export const peersUnknownMember: LintRule = {
  id: "peers-unknown-member",
  severity: "warning",
  summary: "dLegerPeers lists a member that is not one of the group's known nodes; without a majority the group elects no leader.",
  hint: "Add (or import) the missing node, or remove it from dLegerPeers on every node.",
  check: (input) =>
    perGroup(input, (group, nodes) => {
      const known = new Set(nodes.flatMap((n) => selfIdOf(n) ?? []));
      const listed = new Set(nodes.flatMap((n) => peersOf(n).members.map((m) => m.id)));
      return [...listed]
        .filter((id) => !known.has(id))
        .sort()
        .map((id) => ({
          message: `dLegerPeers of group ${group} list ${id}, but no node of the group has dLegerSelfId=${id}.`,
          location: { group, node: id, key: "dLegerPeers" },
        }));
    }),
};

export const peerRules = [peersMalformed, peersInconsistent, peerAddressMismatch, peersLoopback, peersUnknownMember];
