/**
 * The broker's stored message format (MessageDecoder): what PULL_MESSAGE, QUERY_MESSAGE and VIEW_MESSAGE_BY_ID
 * answer with, one record after another. All integers big-endian:
 *
 *   int32 total size | int32 magic code | int32 body CRC | int32 queue id | int32 flag | int64 queue offset |
 *   int64 commit-log offset | int32 sysFlag | int64 born timestamp | born host (4 or 16 bytes ip, int32 port) |
 *   int64 store timestamp | store host (likewise) | int32 reconsume times | int64 prepared transaction offset |
 *   int32 body length, body | topic length (int8; int16 in v2), topic | int16 properties length, properties
 *
 * sysFlag says which host is IPv6 (16-byte ip) and whether the body is compressed; 5.x adds the compression
 * type in bits 8–10 (zlib, the only one before 5.x, is 0 or 3). Properties are `name\u0001value\u0002`.
 * Pure: no I/O. Errors are MessageFormatError; the callers wrap them with the broker's address.
 */
import { crc32, inflateSync } from "node:zlib";
import { BoundedReader } from "./bounded-reader";
import { createOffsetMessageId, storedHostText } from "./message-id";

/** MessageDecoder's magic codes: v1, and v2 (two-byte topic length; 5.x writes it for topics over 127 bytes). */
export const MESSAGE_MAGIC_CODE_V1 = -626843481;
export const MESSAGE_MAGIC_CODE_V2 = -626843477;

/** MessageSysFlag bits the decoder reads. */
export const MessageSysFlag = {
  COMPRESSED: 0x1,
  MULTI_TAGS: 0x2,
  TRANSACTION_PREPARED: 0x4,
  TRANSACTION_COMMIT: 0x8,
  TRANSACTION_ROLLBACK: 0xc,
  BORN_HOST_V6: 0x10,
  STORE_HOST_V6: 0x20,
  /** 5.x: the compression type, (sysFlag & mask) >> 8: 1 LZ4, 2 ZSTD, 3 ZLIB; 0 is zlib (4.x). */
  COMPRESSION_TYPE_MASK: 0x700,
} as const;

/** MessageConst property names the panel reads or writes. */
export const MessageProperty = {
  KEYS: "KEYS",
  TAGS: "TAGS",
  WAIT: "WAIT",
  UNIQ_KEY: "UNIQ_KEY",
  RETRY_TOPIC: "RETRY_TOPIC",
  ORIGIN_MESSAGE_ID: "ORIGIN_MESSAGE_ID",
  REAL_TOPIC: "REAL_TOPIC",
  REAL_QID: "REAL_QID",
  DELAY: "DELAY",
  TRAN_MSG: "TRAN_MSG",
  PRODUCER_GROUP: "PGROUP",
} as const;

const NAME_VALUE_SEPARATOR = "\u0001";
const PROPERTY_SEPARATOR = "\u0002";

/** KEYS holds several keys separated by a blank (MessageConst.KEY_SEPARATOR). */
const KEY_SEPARATOR = " ";

export type Compression = "zlib" | "lz4" | "zstd" | `type ${number}`;

export interface StoredMessage {
  /** "v1", or "v2" with its two-byte topic length. */
  magic: "v1" | "v2";
  /** The record's size in the commit log, header included. */
  storeSize: number;
  topic: string;
  queueId: number;
  queueOffset: number;
  /** Where the record starts in the broker's commit log (the "physical offset"). */
  commitLogOffset: number;
  flag: number;
  sysFlag: number;
  bornTimestamp: number;
  /** "ip:port", "[ip]:port" for IPv6: the producer's address as the broker saw it. */
  bornHost: string;
  storeTimestamp: number;
  /** The broker that stored it, as it names itself (brokerIP1 and its listen port): the address an offset id names. */
  storeHost: string;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  /** The body CRC the broker stored (of the body as stored, so of the compressed bytes when compressed). */
  bodyCrc: number;
  bodyCrcMatches: boolean;
  /** null when the body was stored as sent. */
  compression: Compression | null;
  /** False for a compressed body the panel cannot decompress (LZ4, ZSTD): `body` is then the stored bytes. */
  bodyDecoded: boolean;
  /** The body as the producer sent it (decompressed), unless bodyDecoded is false. */
  body: Buffer;
  properties: Record<string, string>;
  tags: string | null;
  keys: string[];
  /** The producer's unique id (UNIQ_KEY), null for a message sent without one. */
  uniqueKey: string | null;
  /** The broker's id for the record: store host and commit-log offset (MessageDecoder.createMessageId). */
  offsetMsgId: string;
  /** What clients call the message's id: the unique key, else the offset id. */
  msgId: string;
}

export class MessageFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MessageFormatError";
  }
}

/** Every record in `buffer`, one after another (a pull or query body). */
export function decodeMessages(buffer: Buffer): StoredMessage[] {
  const messages: StoredMessage[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    if (buffer.length - offset < 4) throw new MessageFormatError(`${buffer.length - offset} stray bytes after message ${messages.length}`);
    const size = buffer.readInt32BE(offset);
    if (size <= 0 || offset + size > buffer.length) {
      throw new MessageFormatError(`message ${messages.length} claims ${size} bytes at ${offset}; ${buffer.length - offset} are left`);
    }
    messages.push(decodeMessage(buffer.subarray(offset, offset + size)));
    offset += size;
  }
  return messages;
}

/** One record, exactly `record.length` bytes long. */
export function decodeMessage(record: Buffer): StoredMessage {
  const r = new BoundedReader(
    record,
    (length, offset) => new MessageFormatError(`a field of ${length} bytes at ${offset} runs past the message's ${record.length} bytes`),
  );
  const storeSize = r.int32();
  if (storeSize !== record.length) throw new MessageFormatError(`total size ${storeSize} is not the record's ${record.length} bytes`);
  const magicCode = r.int32();
  if (magicCode !== MESSAGE_MAGIC_CODE_V1 && magicCode !== MESSAGE_MAGIC_CODE_V2) {
    throw new MessageFormatError(`magic code 0x${(magicCode >>> 0).toString(16)} is not a message's`);
  }
  const bodyCrc = r.int32();
  const queueId = r.int32();
  const flag = r.int32();
  const queueOffset = r.int64();
  const commitLogOffset = r.int64();
  const sysFlag = r.int32();
  const bornTimestamp = r.int64();
  const bornHostBytes = r.bytes(sysFlag & MessageSysFlag.BORN_HOST_V6 ? 20 : 8);
  const storeTimestamp = r.int64();
  const storeHostBytes = r.bytes(sysFlag & MessageSysFlag.STORE_HOST_V6 ? 20 : 8);
  const reconsumeTimes = r.int32();
  const preparedTransactionOffset = r.int64();
  const stored = r.bytes(r.int32());
  const topic = r.bytes(magicCode === MESSAGE_MAGIC_CODE_V2 ? r.int16() : r.uint8()).toString("utf8");
  const properties = decodeProperties(r.bytes(r.int16()));
  if (!r.done) throw new MessageFormatError(`${record.length - r.offset} unread bytes at the end of a message of ${topic}`);

  const compressed = (sysFlag & MessageSysFlag.COMPRESSED) !== 0;
  const compression = compressed ? compressionOf(sysFlag) : null;
  let body = Buffer.from(stored);
  let bodyDecoded = true;
  if (compression === "zlib") {
    try {
      body = inflateSync(stored);
    } catch (error) {
      throw new MessageFormatError(`the zlib body of a message of ${topic} does not inflate: ${(error as Error).message}`);
    }
  } else if (compression !== null) {
    bodyDecoded = false;
  }

  const offsetMsgId = createOffsetMessageId(storeHostBytes, commitLogOffset);
  const uniqueKey = properties[MessageProperty.UNIQ_KEY] ?? null;
  return {
    magic: magicCode === MESSAGE_MAGIC_CODE_V2 ? "v2" : "v1",
    storeSize,
    topic,
    queueId,
    queueOffset,
    commitLogOffset,
    flag,
    sysFlag,
    bornTimestamp,
    bornHost: storedHostText(bornHostBytes),
    storeTimestamp,
    storeHost: storedHostText(storeHostBytes),
    reconsumeTimes,
    preparedTransactionOffset,
    bodyCrc,
    // UtilAll.crc32: java.util.zip.CRC32 masked to 31 bits.
    bodyCrcMatches: bodyCrc === (crc32(stored) & 0x7fffffff),
    compression,
    bodyDecoded,
    body,
    properties,
    tags: properties[MessageProperty.TAGS] ?? null,
    keys: (properties[MessageProperty.KEYS] ?? "").split(KEY_SEPARATOR).filter((key) => key !== ""),
    uniqueKey,
    offsetMsgId,
    msgId: uniqueKey ?? offsetMsgId,
  };
}

function compressionOf(sysFlag: number): Compression {
  const type = (sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK) >> 8;
  if (type === 0 || type === 3) return "zlib";
  if (type === 1) return "lz4";
  if (type === 2) return "zstd";
  return `type ${type}`;
}

/** `name\u0001value\u0002…` (MessageDecoder.string2messageProperties); a pair without a separator is skipped, as Java does. */
export function decodeProperties(bytes: Buffer | string): Record<string, string> {
  const text = typeof bytes === "string" ? bytes : bytes.toString("utf8");
  const properties: Record<string, string> = Object.create(null);
  for (const pair of text.split(PROPERTY_SEPARATOR)) {
    const separator = pair.indexOf(NAME_VALUE_SEPARATOR);
    if (separator <= 0) continue;
    properties[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return { ...properties };
}

/** The reverse, as SEND_MESSAGE's `properties` header carries them; names and values must not contain the separators. */
export function encodeProperties(properties: Record<string, string>): string {
  return Object.entries(properties)
    .map(([name, value]) => {
      if ((name + value).includes(NAME_VALUE_SEPARATOR) || (name + value).includes(PROPERTY_SEPARATOR))
        throw new MessageFormatError(`property ${name} contains a separator character`);
      return `${name}${NAME_VALUE_SEPARATOR}${value}${PROPERTY_SEPARATOR}`;
    })
    .join("");
}
