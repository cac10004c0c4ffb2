/**
 * The two ids a RocketMQ message has, both hex:
 *
 *   offset id   store host ip (4 or 16 bytes), int32 port, int64 commit-log offset: 32 hex digits (IPv4) or 56 (IPv6).
 *               The broker's name for the record (MessageDecoder.createMessageId); VIEW_MESSAGE_BY_ID on that
 *               host at that offset reads it. SendResult.offsetMsgId.
 *   unique id   the UNIQ_KEY property the producer sets (MessageClientIDSetter): ip (4 or 16 bytes), int16 pid,
 *               int32 class-loader hash, int32 ms since the start of the producer's month, int16 counter:
 *               32 or 56 hex digits too. SendResult.msgId; what consumers and consoles call "the message id".
 *
 * The two have the same lengths, so an id alone does not say which it is: classifyMessageId says which readings
 * are plausible (an offset id's port has two zero high bytes, its offset is below 2^48), and a console tries the
 * offset reading first (one call to the host it names), then the unique key (QUERY_MESSAGE with the unique flag).
 * Pure: no I/O.
 */
import { networkInterfaces } from "node:os";

export interface OffsetMessageId {
  /** "ip:port" or "[ipv6]:port": the broker address to ask (its listen port). */
  storeHost: string;
  commitLogOffset: number;
}

export interface UniqueMessageId {
  /** The producer's ip, "1.2.3.4" or an IPv6 text. */
  ip: string;
  /** The producer's pid, cut to 16 bits. */
  pid: number;
  classLoaderHash: number;
  /** Milliseconds since the start of the month the id was made in (the producer's time zone). */
  sinceMonthStartMs: number;
  counter: number;
}

const HEX_ID = /^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{56})$/;
/** Beyond any commit log: 256 TiB. */
const MAX_PLAUSIBLE_OFFSET = 2 ** 48;

/** The hex id of a record: `storeHost` is the ip bytes and the int32 port as the message format stores them. */
export function createOffsetMessageId(storeHost: Buffer, commitLogOffset: number): string {
  const offset = Buffer.alloc(8);
  offset.writeBigInt64BE(BigInt(commitLogOffset));
  return Buffer.concat([storeHost, offset]).toString("hex").toUpperCase();
}

/** Reads an offset id; null when the text cannot be one (wrong length, not hex, port or offset out of range). */
export function parseOffsetMessageId(id: string): OffsetMessageId | null {
  if (!HEX_ID.test(id)) return null;
  const bytes = Buffer.from(id, "hex");
  const ipLength = bytes.length - 12;
  const port = bytes.readInt32BE(ipLength);
  const commitLogOffset = Number(bytes.readBigInt64BE(ipLength + 4));
  if (port < 1 || port > 65535 || commitLogOffset < 0 || commitLogOffset >= MAX_PLAUSIBLE_OFFSET) return null;
  return { storeHost: hostText(bytes.subarray(0, ipLength), port), commitLogOffset };
}

/** Reads a unique id; null when the text is not 32 or 56 hex digits. Any such text parses: see classifyMessageId. */
export function parseUniqueMessageId(id: string): UniqueMessageId | null {
  if (!HEX_ID.test(id)) return null;
  const bytes = Buffer.from(id, "hex");
  const ipLength = bytes.length - 12;
  return {
    ip: ipText(bytes.subarray(0, ipLength)),
    pid: bytes.readUInt16BE(ipLength),
    classLoaderHash: bytes.readInt32BE(ipLength + 2),
    sinceMonthStartMs: bytes.readInt32BE(ipLength + 6),
    counter: bytes.readUInt16BE(ipLength + 10),
  };
}

/**
 * When a unique id was made, near `reference` (default now): the start of reference's month (UTC) plus the
 * id's milliseconds, a month earlier if that lies after the reference (MessageClientIDSetter.getNearlyTimeFromID).
 * A producer in another time zone shifts it by that zone's offset.
 */
export function uniqueIdTimestamp(id: UniqueMessageId, reference = Date.now()): number {
  const at = new Date(reference);
  const monthStart = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
  const candidate = monthStart + id.sinceMonthStartMs;
  return candidate <= reference ? candidate : Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1) + id.sinceMonthStartMs;
}

export interface MessageIdReadings {
  /** Set when the id can be an offset id: try VIEW_MESSAGE_BY_ID on its store host first. */
  offset: OffsetMessageId | null;
  /** Set for any well-formed id: try QUERY_MESSAGE by unique key. */
  unique: UniqueMessageId | null;
}

/** Both readings of an id; both null for text that is no message id at all. */
export function classifyMessageId(id: string): MessageIdReadings {
  return { offset: parseOffsetMessageId(id), unique: parseUniqueMessageId(id) };
}

/**
 * Unique ids for messages the panel sends, laid out as MessageClientIDSetter lays them out (IPv4: 32 hex digits),
 * so consoles and clients read them as any producer's: this host's first non-internal IPv4 address (else
 * 127.0.0.1), the pid, a random stand-in for the class-loader hash, ms since the month's start (UTC), a counter.
 */
export function createUniqueKeyGenerator(ip = firstIpv4()) {
  const prefix = Buffer.alloc(10);
  Buffer.from(ip.split(".").map(Number)).copy(prefix, 0);
  prefix.writeUInt16BE(process.pid & 0xffff, 4);
  prefix.writeInt32BE((Math.random() * 2 ** 32) | 0, 6);
  let counter = 0;
  return (now = Date.now()): string => {
    const at = new Date(now);
    const suffix = Buffer.alloc(6);
    suffix.writeInt32BE(now - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1), 0);
    suffix.writeUInt16BE(counter, 4);
    counter = (counter + 1) & 0xffff;
    return Buffer.concat([prefix, suffix]).toString("hex").toUpperCase();
  };
}

function firstIpv4(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === "IPv4" && !address.internal) return address.address;
  }
  return "127.0.0.1";
}

function hostText(ip: Buffer, port: number): string {
  return ip.length === 4 ? `${ipText(ip)}:${port}` : `[${ipText(ip)}]:${port}`;
}

function ipText(ip: Buffer): string {
  if (ip.length === 4) return [...ip].join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ip.readUInt16BE(i * 2));
  // The shortest form (RFC 5952): the longest run of two or more zero groups becomes "::".
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i >= 2 && j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/** "ip:port" of a stored host (ip bytes and an int32 port). */
export function storedHostText(bytes: Buffer): string {
  return hostText(bytes.subarray(0, bytes.length - 4), bytes.readInt32BE(bytes.length - 4));
}
