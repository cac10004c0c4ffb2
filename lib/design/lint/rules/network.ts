import { type Message, message, messageList } from "../../../i18n/message";
import type { LintRule, RuleHit } from "../types";
import { fixHint, nodeLocation } from "../types";
import type { NodeView } from "../../model/node-view";
import { hostLabel, nodeLabel } from "../../model/node-view";

/** Mirrors RemotingUtil.string2SocketAddress: host before the last ":", a number after it. */
function namesrvProblems(value: string): Message[] {
  const entries = value.split(";");
  while (entries.length > 1 && entries[entries.length - 1] === "") entries.pop();
  return entries.flatMap((entry) => {
    const colon = entry.lastIndexOf(":");
    const port = colon > 0 ? entry.slice(colon + 1) : "";
    const valid = /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535 && !/\s/.test(entry);
    return valid ? [] : [message("lint.namesrvAddrMalformed.entry", { entry })];
  });
}

function canonicalNamesrv(node: NodeView): string {
  return [...new Set((node.props.namesrvAddr ?? "").split(";").filter(Boolean))].sort().join(";");
}

export const namesrvAddrMissing: LintRule = {
  id: "namesrv-addr-missing",
  severity: "error",
  summary: "namesrvAddr is empty, so the broker registers with no NameServer and no client can find it.",
  ...fixHint("lint.namesrvAddrMissing.hint"),
  check: (input) =>
    input.nodes
      .filter((n) => (n.props.namesrvAddr ?? "").trim() === "")
      .map((node) => ({
        text: message("lint.namesrvAddrMissing.message", { node: nodeLabel(node) }),
        location: nodeLocation(node, "namesrvAddr"),
      })),
};

export const namesrvAddrMalformed: LintRule = {
  id: "namesrv-addr-malformed",
  severity: "error",
  summary: "namesrvAddr is not a ';'-separated list of host:port; the broker exits at start (code -3).",
  ...fixHint("lint.namesrvAddrMalformed.hint"),
  check: (input) =>
    input.nodes.flatMap((node): RuleHit[] => {
      const value = node.props.namesrvAddr ?? "";
      if (value.trim() === "") return [];
      const problems = namesrvProblems(value);
      if (problems.length === 0) return [];
      const text = message("lint.namesrvAddrMalformed.message", { node: nodeLabel(node), problems: messageList("semicolon", problems) });
      return [{ text, location: nodeLocation(node, "namesrvAddr") }];
    }),
};

export const namesrvAddrInconsistent: LintRule = {
  id: "namesrv-addr-inconsistent",
  severity: "warning",
  summary:
    "Brokers of the cluster register with different NameServers, so clients see different routes depending on which NameServer they ask.",
  ...fixHint("lint.namesrvAddrInconsistent.hint"),
  check: (input) => {
    const variants = new Map<string, string[]>();
    for (const node of input.nodes)
      variants.set(canonicalNamesrv(node), [...(variants.get(canonicalNamesrv(node)) ?? []), nodeLabel(node)]);
    if (variants.size < 2) return [];
    const listing = [...variants].map(([addr, owners]) => `${owners.join(", ")}: "${addr}"`).join("; ");
    const text = message("lint.namesrvAddrInconsistent.message", { count: variants.size, listing });
    return [{ text, location: { key: "namesrvAddr" } }];
  },
};

export const brokerIpRequired: LintRule = {
  id: "broker-ip-required",
  severity: "error",
  summary: "brokerIP1 is not set on a host with several addresses; the broker may register an address clients cannot reach.",
  ...fixHint("lint.brokerIpRequired.hint"),
  check: (input) =>
    input.nodes
      .filter((n) => n.props.brokerIP1 === undefined && (n.host?.addresses.length ?? 0) > 1)
      .map((node) => ({
        text: message("lint.brokerIpRequired.message", {
          node: nodeLabel(node),
          host: hostLabel(node.host!),
          addresses: node.host!.addresses.join(", "),
        }),
        location: nodeLocation(node, "brokerIP1"),
      })),
};

export const brokerIpForeign: LintRule = {
  id: "broker-ip-foreign",
  severity: "warning",
  summary: "brokerIP1 is not one of the addresses of the host the broker runs on.",
  ...fixHint("lint.brokerIpForeign.hint"),
  check: (input) =>
    input.nodes
      .filter((n) => n.props.brokerIP1 !== undefined && n.host && !n.host.addresses.includes(n.props.brokerIP1))
      .map((node) => ({
        text: message("lint.brokerIpForeign.message", { ip: node.props.brokerIP1, node: nodeLabel(node), host: hostLabel(node.host!) }),
        location: nodeLocation(node, "brokerIP1"),
      })),
};

export const networkRules = [namesrvAddrMissing, namesrvAddrMalformed, namesrvAddrInconsistent, brokerIpRequired, brokerIpForeign];
