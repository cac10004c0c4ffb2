// dLegerPeers as DLedger's MemberState reads it: split on ";", the id is the text before the
// first "-", the address (host:port) is everything after it. An entry without "-" or an empty
// entry between two ";" throws during broker start (apache/rocketmq #1161).

import { type Message, message } from "../../i18n/message";
import { english } from "../../i18n/translate";

export interface PeerMember {
  id: string;
  host: string;
  port: number;
}

export interface ParsedPeers {
  members: PeerMember[];
  /** Human-readable reasons the value would break or confuse DLedger; empty when well-formed. */
  problems: string[];
}

/** The peers with the problems as catalog messages, for the linter to show in the reader's language. */
interface ReadPeers {
  members: PeerMember[];
  problems: Message[];
}

function parseEntry(entry: string, problems: Message[]): PeerMember | null {
  const dash = entry.indexOf("-");
  if (dash <= 0) {
    problems.push(message("lint.peersMalformed.problems.notAnEntry", { entry }));
    return null;
  }
  const id = entry.slice(0, dash);
  const address = entry.slice(dash + 1);
  const colon = address.lastIndexOf(":");
  const host = colon > 0 ? address.slice(0, colon) : "";
  const portText = colon > 0 ? address.slice(colon + 1) : "";
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (/\s/.test(entry)) problems.push(message("lint.peersMalformed.problems.whitespace", { entry }));
  if (!host || !(port >= 1 && port <= 65535)) {
    problems.push(message("lint.peersMalformed.problems.noHostPort", { entry, id }));
    return null;
  }
  return { id, host, port };
}

function findDuplicates(members: PeerMember[], problems: Message[]): void {
  const ids = new Set<string>();
  const addresses = new Set<string>();
  for (const m of members) {
    if (ids.has(m.id)) problems.push(message("lint.peersMalformed.problems.duplicateId", { id: m.id }));
    const address = `${m.host}:${m.port}`;
    if (addresses.has(address)) problems.push(message("lint.peersMalformed.problems.duplicateAddress", { address }));
    ids.add(m.id);
    addresses.add(address);
  }
}

export function readPeers(value: string | undefined): ReadPeers {
  if (value === undefined || value.trim() === "") return { members: [], problems: [message("lint.peersMalformed.problems.empty")] };
  const problems: Message[] = [];
  // Java's String.split drops trailing empty strings, so one trailing ";" is harmless.
  const entries = value.split(";");
  while (entries.length > 1 && entries[entries.length - 1] === "") entries.pop();
  const members: PeerMember[] = [];
  for (const entry of entries) {
    if (entry === "") {
      problems.push(message("lint.peersMalformed.problems.emptyEntry"));
      continue;
    }
    const member = parseEntry(entry, problems);
    if (member) members.push(member);
  }
  findDuplicates(members, problems);
  return { members, problems };
}

export function parsePeers(value: string | undefined): ParsedPeers {
  const { members, problems } = readPeers(value);
  return { members, problems: problems.map(english) };
}

export function formatPeers(members: readonly PeerMember[]): string {
  return members.map((m) => `${m.id}-${m.host}:${m.port}`).join(";");
}

/** Addresses that only reach the machine itself, so a peer on another host cannot dial them. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase();
  return h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1" || h === "0.0.0.0" || /^127\./.test(h);
}

/** IPv4 dotted quad or an IPv6 literal; anything else is a host name the linter cannot resolve. */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.includes(":") && /^[0-9a-fA-F:.]+$/.test(host));
}
