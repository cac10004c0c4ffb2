import { message } from "../../../i18n/message";
import type { LintInput, NodeView } from "../../model/node-view";
import { groupNodes, selfIdOf } from "../../model/node-view";
import { type PeerMember, readPeers } from "../../model/peers";
import { isVersion5 } from "../../model/version";

// What a broker will effectively use, including RocketMQ's defaults for keys the file leaves out.

/** BrokerStartup sets 10911 before reading the file; a non-numeric value is silently ignored. */
export const DEFAULT_LISTEN_PORT = 10911;
const DEFAULT_STORE_ROOT = "~/store";

/** Integer.parseInt: no surrounding whitespace allowed, so "30911 " is ignored like "abc". */
export function parsePort(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  return Number(text);
}

export function listenPortOf(node: NodeView): number {
  return parsePort(node.props.listenPort) ?? DEFAULT_LISTEN_PORT;
}

/** 4.9.x forces HA to listenPort+1; 5.x honours a positive haListenPort. */
export function haPortOf(node: NodeView, version: string | undefined): number {
  const configured = parsePort(node.props.haListenPort);
  const honoursConfig = version === undefined || isVersion5(version);
  return honoursConfig && configured !== undefined && configured > 0 ? configured : listenPortOf(node) + 1;
}

export function peersOf(node: NodeView) {
  return readPeers(node.props.dLegerPeers);
}

export function ownPeerEntry(node: NodeView): PeerMember | undefined {
  const selfId = selfIdOf(node);
  return selfId === undefined ? undefined : peersOf(node).members.find((m) => m.id === selfId);
}

/** Stands in for a key a file leaves out, where the finding names the value. */
export const MISSING = message("lint.missing");

export function storeRootOf(node: NodeView): string {
  return node.props.storePathRootDir ?? DEFAULT_STORE_ROOT;
}

/** 4.9.x defaults the commit log to ~/store/commitlog whatever the root; 5.x puts it under the root. */
export function commitLogOf(node: NodeView, version: string | undefined): string {
  if (node.props.storePathCommitLog !== undefined) return node.props.storePathCommitLog;
  return version !== undefined && isVersion5(version) ? `${storeRootOf(node)}/commitlog` : `${DEFAULT_STORE_ROOT}/commitlog`;
}

export function isDLedgerEnabled(node: NodeView): boolean {
  // Boolean.parseBoolean: case-insensitive, but "true " with a trailing space is false.
  return node.props.enableDLegerCommitLog?.toLowerCase() === "true";
}

/** Nodes grouped by host; nodes without a known host are left out. */
export function nodesByHost(nodes: NodeView[]): Map<string, NodeView[]> {
  const byHost = new Map<string, NodeView[]>();
  for (const node of nodes) {
    if (!node.host) continue;
    byHost.set(node.host.key, [...(byHost.get(node.host.key) ?? []), node]);
  }
  return byHost;
}

export function distinctHostCount(nodes: NodeView[]): number {
  return new Set(nodes.flatMap((n) => (n.host ? [n.host.key] : []))).size;
}

/** Pairs (a, b) with a before b, for checks that compare every two nodes once. */
export function pairs<T>(items: T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

/** Runs a per-group check over every group of the input. */
export function perGroup<T>(input: LintInput, check: (group: string, nodes: NodeView[]) => T[]): T[] {
  return [...groupNodes(input.nodes)].flatMap(([group, nodes]) => check(group, nodes));
}
