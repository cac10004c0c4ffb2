// Pure and free of `server-only`: the panel's plain Node HTTP server (scripts/serve.ts) runs it outside Next's bundles.
import net from "node:net";

/**
 * The addresses whose X-Forwarded-For / X-Forwarded-Proto the panel believes: `RMQ_PANEL_TRUSTED_PROXIES`,
 * comma-separated IPs and CIDRs (`10.0.0.5, 10.1.0.0/16, ::1`). Empty: nobody's, the socket's peer is the client.
 */
export function parseTrustedProxies(setting: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const raw of (setting ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits] = entry.split("/");
    const family = net.isIP(address);
    if (family === 0 || (bits !== undefined && !/^\d+$/.test(bits)))
      throw new Error(`RMQ_PANEL_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR.`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function isTrusted(trusted: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** `::ffff:10.0.0.1` (a v4 client on a dual-stack socket) → `10.0.0.1`, so logs and limits see one spelling. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

export interface ClientInfo {
  /** The client's address: the socket peer, or what trusted proxies in front of it report. */
  address: string;
  /** "http" or "https" as the client used it. */
  proto: "http" | "https";
  /** Whether the peer is a trusted proxy (then its forwarding headers are kept for Next). */
  viaTrustedProxy: boolean;
}

/**
 * Who is asking. A peer that is not a trusted proxy is the client, whatever headers it sent. Behind trusted
 * proxies, the client is the rightmost X-Forwarded-For entry that is not itself a trusted proxy (each proxy appends
 * the address it saw, so entries left of that one were written by the client and prove nothing).
 */
export function resolveClient(input: {
  peer: string;
  encrypted: boolean;
  forwardedFor?: string | string[];
  forwardedProto?: string | string[];
  trusted: net.BlockList;
}): ClientInfo {
  const peer = normaliseAddress(input.peer);
  const socketProto = input.encrypted ? "https" : "http";
  if (!isTrusted(input.trusted, peer)) return { address: peer, proto: socketProto, viaTrustedProxy: false };

  const hops = [input.forwardedFor ?? []]
    .flat()
    .flatMap((value) => value.split(","))
    .map((hop) => normaliseAddress(hop.trim()))
    .filter((hop) => net.isIP(hop) !== 0);
  let address = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    address = hops[i];
    if (!isTrusted(input.trusted, hops[i])) break;
  }
  // Proxies set the scheme the client used; the first entry is the one the outermost proxy saw.
  const claimed = [input.forwardedProto ?? []]
    .flat()
    .flatMap((value) => value.split(","))[0]
    ?.trim()
    .toLowerCase();
  const proto = claimed === "https" || claimed === "http" ? claimed : socketProto;
  return { address, proto, viaTrustedProxy: true };
}
