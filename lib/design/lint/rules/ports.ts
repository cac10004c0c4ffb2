import type { LintRule, RuleHit } from "../types";
import { nodeLocation } from "../types";
import type { HostView, LintInput, NodeView } from "../../model/node-view";
import { hostLabel, nodeLabel } from "../../model/node-view";
import { haPortOf, listenPortOf, ownPeerEntry, parsePort } from "./facts";

interface PortClaim {
  port: number;
  host: HostView;
  /** Who holds the port, like "suzhou@broker/n0" or "NameServer". */
  owner: string;
  purpose: string;
  dledger: boolean;
  node?: NodeView;
  key: string;
}

function nodeClaims(node: NodeView, version: string | undefined): PortClaim[] {
  if (!node.host) return [];
  const base = { host: node.host, owner: nodeLabel(node), node, dledger: false, key: "listenPort" };
  const listen = listenPortOf(node);
  const claims: PortClaim[] = [
    { ...base, port: listen, purpose: "listenPort" },
    { ...base, port: listen - 2, purpose: "fast channel (listenPort-2)" },
    { ...base, port: haPortOf(node, version), purpose: "HA port (listenPort+1)" },
  ];
  const own = ownPeerEntry(node);
  if (own) claims.push({ ...base, port: own.port, purpose: "DLedger port", dledger: true, key: "dLegerPeers" });
  return claims;
}

function allClaims(input: LintInput): PortClaim[] {
  const nameServers = input.nameServers.map(
    (ns): PortClaim => ({
      port: ns.port,
      host: ns.host,
      owner: "NameServer",
      purpose: "NameServer port",
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

function describe(claims: PortClaim[]): string {
  const holders = claims.map((c) => `${c.owner} (${c.purpose})`).join(" and ");
  return `Port ${claims[0].port} on ${hostLabel(claims[0].host)} is used by ${holders}`;
}

function hit(claims: PortClaim[]): RuleHit {
  const last = claims[claims.length - 1];
  const location = last.node ? nodeLocation(last.node, last.key) : { host: last.host.address, key: last.key };
  return { message: `${describe(claims)}; the process started second cannot bind it.`, location };
}

export const portCollision: LintRule = {
  id: "port-collision",
  severity: "error",
  summary: "Two processes on one host need the same port (listenPort, listenPort-2, listenPort+1 or a NameServer port).",
  hint: "Give each broker on a host its own listenPort at least 3 apart from the others (the panel uses steps of 10) and keep clear of the NameServer port.",
  check: (input) =>
    collisions(input)
      .filter((claims) => !claims.some((c) => c.dledger))
      .map(hit),
};

export const dledgerPortCollision: LintRule = {
  id: "dledger-port-collision",
  severity: "error",
  summary: "A node's DLedger port is also used by another node or process on the same host.",
  hint: "Give every node on a host its own DLedger port in dLegerPeers, away from the broker and NameServer ports.",
  check: (input) =>
    collisions(input)
      .filter((claims) => claims.some((c) => c.dledger))
      .map(hit),
};

export const portInvalid: LintRule = {
  id: "port-invalid",
  severity: "error",
  summary: "listenPort is not a number RocketMQ can use; the broker silently falls back to 10911.",
  hint: "Write listenPort as a plain number between 1026 and 65534, without spaces.",
  check: (input) =>
    input.nodes.flatMap((node): RuleHit[] => {
      const text = node.props.listenPort;
      if (text === undefined) return [];
      const port = parsePort(text);
      if (port !== undefined && port >= 1026 && port <= 65534) return [];
      return [{ message: `listenPort "${text}" of ${nodeLabel(node)} is not a usable port.`, location: nodeLocation(node, "listenPort") }];
    }),
};

export const portRules = [portCollision, dledgerPortCollision, portInvalid];
