import { message } from "../../../i18n/message";
import type { LintRule, RuleHit } from "../types";
import { fixHint, nodeLocation } from "../types";
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
  ...fixHint("lint.peersMalformed.hint"),
  check: (input) =>
    input.nodes.flatMap((node) =>
      peersOf(node).problems.map((problem) => ({
        text: message("lint.peersMalformed.message", { node: nodeLabel(node), problem }),
        location: nodeLocation(node, "dLegerPeers"),
      })),
    ),
};

export const peersInconsistent: LintRule = {
  id: "peers-inconsistent",
  severity: "error",
  summary: "Nodes of one group list different dLegerPeers, so they disagree on who votes and elections can split.",
  ...fixHint("lint.peersInconsistent.hint"),
  check: (input) =>
    perGroup(input, (group, nodes) => {
      const variants = new Map<string, string[]>();
      for (const node of nodes) variants.set(canonicalPeers(node), [...(variants.get(canonicalPeers(node)) ?? []), nodeLabel(node)]);
      if (variants.size < 2) return [];
      const listing = [...variants].map(([peers, owners]) => `${owners.join(", ")}: "${peers}"`).join("; ");
      return [
        {
          text: message("lint.peersInconsistent.message", { group, count: variants.size, listing }),
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
  const values = { id: own.id, address: `${own.host}:${own.port}`, node: nodeLabel(node), host: hostLabel(node.host) };
  return [{ text: message("lint.peerAddressMismatch.message", values), location: nodeLocation(node, "dLegerPeers") }];
}

export const peerAddressMismatch: LintRule = {
  id: "peer-address-mismatch",
  severity: "error",
  summary: "A node's own entry in dLegerPeers does not carry the real address of the host it runs on.",
  ...fixHint("lint.peerAddressMismatch.hint"),
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
  ...fixHint("lint.peersLoopback.hint"),
  check: (input) =>
    perGroup(input, (group, nodes) => {
      if (distinctHostCount(nodes) <= 1) return [];
      const loopback = nodes.find((n) => peersOf(n).members.some((m) => isLoopbackAddress(m.host)));
      if (!loopback) return [];
      const hosts = [...new Set(nodes.flatMap((n) => (n.host ? [n.host.address] : [])))].join(", ");
      const text = message("lint.peersLoopback.message", { group, peers: loopback.props.dLegerPeers, hosts });
      return [{ text, location: { group, key: "dLegerPeers" } }];
    }),
};

export const peersUnknownMember: LintRule = {
  id: "peers-unknown-member",
  severity: "warning",
  summary: "dLegerPeers lists a member that is not one of the group's known nodes; without a majority the group elects no leader.",
  ...fixHint("lint.peersUnknownMember.hint"),
  check: (input) =>
    perGroup(input, (group, nodes) => {
      const known = new Set(nodes.flatMap((n) => selfIdOf(n) ?? []));
      const listed = new Set(nodes.flatMap((n) => peersOf(n).members.map((m) => m.id)));
      return [...listed]
        .filter((id) => !known.has(id))
        .sort()
        .map((id) => ({
          text: message("lint.peersUnknownMember.message", { group, id }),
          location: { group, node: id, key: "dLegerPeers" },
        }));
    }),
};

export const peerRules = [peersMalformed, peersInconsistent, peerAddressMismatch, peersLoopback, peersUnknownMember];
