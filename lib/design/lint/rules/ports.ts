import { type Message, message, messageList } from "../../../i18n/message";
import type { LintRule, RuleHit } from "../types";
import { fixHint, nodeLocation } from "../types";
import type { HostView, LintInput, NodeView } from "../../model/node-view";
import { hostLabel, nodeLabel } from "../../model/node-view";
import { haPortOf, listenPortOf, ownPeerEntry, parsePort } from "./facts";

interface PortClaim {
  port: number;
  host: HostView;
  /** Who holds the port, like "suzhou@broker/n0" or "NameServer". */
  owner: string;
  purpose: Message;
  dledger: boolean;
  node?: NodeView;
  key: string;
}

function nodeClaims(node: NodeView, version: string | undefined): PortClaim[] {
  if (!node.host) return [];
  const base = { host: node.host, owner: nodeLabel(node), node, dledger: false, key: "listenPort" };
  const listen = listenPortOf(node);
  const claims: PortClaim[] = [
    { ...base, port: listen, purpose: message("lint.ports.listenPort") },
    { ...base, port: listen - 2, purpose: message("lint.ports.fastChannel") },
    { ...base, port: haPortOf(node, version), purpose: message("lint.ports.haPort") },
  ];
  const own = ownPeerEntry(node);
  if (own) claims.push({ ...base, port: own.port, purpose: message("lint.ports.dledgerPort"), dledger: true, key: "dLegerPeers" });
  return claims;
}

function allClaims(input: LintInput): PortClaim[] {
  const nameServers = input.nameServers.map(
    (ns): PortClaim => ({
      port: ns.port,
      host: ns.host,
      owner: "NameServer",
      purpose: message("lint.ports.nameServerPort"),
      dledger: false,
      key: "listenPort",
    }),
  );
  return [...nameServers, ...input.nodes.flatMap((n) => nodeClaims(n, input.rocketmqVersion))];
}

/** Ports claimed twice on one host, each as the list of its claims. */
function collisions(input: LintInput): PortClaim[][] {
  const byHostPort = new Map<string, PortClaim[]>();
  for (const claim of allClaims(input)) {
    const key = `${claim.host.key}\u0000${claim.port}`;
    byHostPort.set(key, [...(byHostPort.get(key) ?? []), claim]);
  }
  return [...byHostPort.values()].filter((claims) => claims.length > 1);
}

function hit(claims: PortClaim[]): RuleHit {
  const last = claims[claims.length - 1];
  const location = last.node ? nodeLocation(last.node, last.key) : { host: last.host.address, key: last.key };
  const holders = messageList(
    "and",
    claims.map((c) => message("lint.ports.holder", { owner: c.owner, purpose: c.purpose })),
  );
  const text = message("lint.ports.collision", { port: claims[0].port, host: hostLabel(claims[0].host), holders });
  return { text, location };
}

export const portCollision: LintRule = {
  id: "port-collision",
  severity: "error",
  summary: "Two processes on one host need the same port (listenPort, listenPort-2, listenPort+1 or a NameServer port).",
  ...fixHint("lint.portCollision.hint"),
  check: (input) =>
    collisions(input)
      .filter((claims) => !claims.some((c) => c.dledger))
      .map(hit),
};

export const dledgerPortCollision: LintRule = {
  id: "dledger-port-collision",
  severity: "error",
  summary: "A node's DLedger port is also used by another node or process on the same host.",
  ...fixHint("lint.dledgerPortCollision.hint"),
  check: (input) =>
    collisions(input)
      .filter((claims) => claims.some((c) => c.dledger))
      .map(hit),
};

export const portInvalid: LintRule = {
  id: "port-invalid",
  severity: "error",
  summary: "listenPort is not a number RocketMQ can use; the broker silently falls back to 10911.",
  ...fixHint("lint.portInvalid.hint"),
  check: (input) =>
    input.nodes.flatMap((node): RuleHit[] => {
      const text = node.props.listenPort;
      if (text === undefined) return [];
      const port = parsePort(text);
      if (port !== undefined && port >= 1026 && port <= 65534) return [];
      return [
        { text: message("lint.portInvalid.message", { value: text, node: nodeLabel(node) }), location: nodeLocation(node, "listenPort") },
      ];
    }),
};

export const portRules = [portCollision, dledgerPortCollision, portInvalid];
