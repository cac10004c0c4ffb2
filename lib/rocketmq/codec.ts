/**
 * RocketMQ remoting frames (RemotingCommand.encode / decode). All integers are big-endian:
 *
 *   int32  length            4 + headerLength + bodyLength (the prefix itself not counted)
 *   uint8  serialize type    0 JSON, 1 ROCKETMQ (binary)
 *   uint24 headerLength
 *   header                   JSON: fastjson-written RemotingCommand; ROCKETMQ: see decodeBinaryHeader
 *   body                     raw bytes
 *
 * Pure: no sockets. Errors are FrameError; the connection wraps them with the peer's address.
 */
import { z } from "zod";
import { BoundedReader } from "./bounded-reader";
import { LANGUAGES } from "./codes";
import { parseFastjson } from "./fastjson";

export type SerializeType = "JSON" | "ROCKETMQ";

export interface RemotingCommand {
  code: number;
  language: string;
  /** The sender's MQVersion ordinal (V4_9_3 = 399). */
  version: number;
  opaque: number;
  flag: number;
  remark?: string;
  /** Request header fields; always strings on the wire. */
  extFields?: Record<string, string>;
  body?: Buffer;
  serializeType: SerializeType;
}

export const FLAG_RESPONSE = 1;
/** The server side's default frame limit (com.rocketmq.remoting.frameMaxLength). */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrameError";
  }
}

export const isResponse = (command: RemotingCommand) => (command.flag & FLAG_RESPONSE) === FLAG_RESPONSE;

export function encodeCommand(command: RemotingCommand): Buffer {
  const header = command.serializeType === "ROCKETMQ" ? encodeBinaryHeader(command) : encodeJsonHeader(command);
  if (header.length > 0xffffff) throw new FrameError(`header of ${header.length} bytes does not fit 24 bits`);
  const body = command.body ?? Buffer.alloc(0);
  const prefix = Buffer.alloc(8);
  prefix.writeInt32BE(4 + header.length + body.length, 0);
  prefix.writeUInt8(command.serializeType === "ROCKETMQ" ? 1 : 0, 4);
  prefix.writeUIntBE(header.length, 5, 3);
  return Buffer.concat([prefix, header, body]);
}

/** Fields in fastjson's order (alphabetical), nulls omitted, as the Java side writes them. */
function encodeJsonHeader(command: RemotingCommand): Buffer {
  const header: Record<string, unknown> = { code: command.code };
  if (command.extFields) header.extFields = command.extFields;
  header.flag = command.flag;
  header.language = command.language;
  header.opaque = command.opaque;
  if (command.remark !== undefined) header.remark = command.remark;
  header.serializeTypeCurrentRPC = "JSON";
  header.version = command.version;
  return Buffer.from(JSON.stringify(header), "utf8");
}

/**
 * int16 code | int8 language | int16 version | int32 opaque | int32 flag |
 * int32 remarkLength, remark | int32 extLength, ext = repeated (int16 keyLength, key, int32 valueLength, value)
 */
function encodeBinaryHeader(command: RemotingCommand): Buffer {
  for (const [name, value] of [
    ["code", command.code],
    ["version", command.version],
  ] as const) {
    if (!Number.isInteger(value) || value < -0x8000 || value > 0x7fff) {
      throw new FrameError(`${name} ${value} does not fit the ROCKETMQ header's int16; use JSON`);
    }
  }
  const language = LANGUAGES.indexOf(command.language as (typeof LANGUAGES)[number]);
  const remark = command.remark ? Buffer.from(command.remark, "utf8") : Buffer.alloc(0);
  const ext = Buffer.concat(
    Object.entries(command.extFields ?? {}).flatMap(([key, value]) => {
      const k = Buffer.from(key, "utf8");
      const v = Buffer.from(value, "utf8");
      const kLen = Buffer.alloc(2);
      kLen.writeInt16BE(k.length);
      const vLen = Buffer.alloc(4);
      vLen.writeInt32BE(v.length);
      return [kLen, k, vLen, v];
    }),
  );
  const fixed = Buffer.alloc(13 + 4);
  fixed.writeInt16BE(command.code, 0);
  fixed.writeInt8(language < 0 ? LANGUAGES.indexOf("OTHER") : language, 2);
  fixed.writeInt16BE(command.version, 3);
  fixed.writeInt32BE(command.opaque, 5);
  fixed.writeInt32BE(command.flag, 9);
  fixed.writeInt32BE(remark.length, 13);
  const extLen = Buffer.alloc(4);
  extLen.writeInt32BE(ext.length);
  return Buffer.concat([fixed, remark, extLen, ext]);
}

/** Decodes one frame without its 4-byte length prefix. */
export function decodeFrame(frame: Buffer): RemotingCommand {
  if (frame.length < 4) throw new FrameError(`frame of ${frame.length} bytes is shorter than its header length field`);
  const type = frame.readUInt8(0);
  const headerLength = frame.readUIntBE(1, 3);
  if (headerLength > frame.length - 4) {
    throw new FrameError(`header length ${headerLength} exceeds the frame (${frame.length - 4} bytes left)`);
  }
  const header = frame.subarray(4, 4 + headerLength);
  const body = frame.length > 4 + headerLength ? Buffer.from(frame.subarray(4 + headerLength)) : undefined;
  let command: Omit<RemotingCommand, "body">;
  if (type === 0) command = decodeJsonHeader(header);
  else if (type === 1) command = decodeBinaryHeader(header);
  else throw new FrameError(`unknown serialize type ${type}`);
  return body ? { ...command, body } : command;
}

const jsonHeaderSchema = z.object({
  code: z.number().int(),
  language: z.union([z.string(), z.number().int()]).optional(),
  version: z.number().int().optional(),
  opaque: z.number().int(),
  flag: z.number().int().optional(),
  remark: z.string().nullish(),
  extFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable()).nullish(),
});

function decodeJsonHeader(header: Buffer): Omit<RemotingCommand, "body"> {
  let raw: unknown;
  try {
    raw = parseFastjson(header);
  } catch (error) {
    throw new FrameError(`JSON header is not JSON: ${(error as Error).message}`);
  }
  const parsed = jsonHeaderSchema.safeParse(raw);
  if (!parsed.success) throw new FrameError(`JSON header has an unexpected shape: ${z.prettifyError(parsed.error)}`);
  const { code, language, version, opaque, flag, remark, extFields } = parsed.data;
  return {
    code,
    language: typeof language === "number" ? languageName(language) : (language ?? "JAVA"),
    version: version ?? 0,
    opaque,
    flag: flag ?? 0,
    ...(remark != null && { remark }),
    ...(extFields != null && { extFields: stringValues(extFields) }),
    serializeType: "JSON",
  };
}

function stringValues(fields: Record<string, string | number | boolean | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).flatMap(([key, value]) => (value === null ? [] : [[key, String(value)]])));
}

function languageName(index: number): string {
  return LANGUAGES[index] ?? `UNKNOWN(${index})`;
}

const headerReader = (bytes: Buffer) =>
  new BoundedReader(
    bytes,
    (length, offset) => new FrameError(`ROCKETMQ header field of ${length} bytes at offset ${offset} runs past the header`),
  );

function decodeBinaryHeader(header: Buffer): Omit<RemotingCommand, "body"> {
  const reader = headerReader(header);
  const code = reader.int16();
  const language = languageName(reader.uint8());
  const version = reader.int16();
  const opaque = reader.int32();
  const flag = reader.int32();
  const remarkLength = reader.int32();
  const remark = remarkLength > 0 ? reader.utf8(remarkLength) : undefined;
  const extLength = reader.int32();
  let extFields: Record<string, string> | undefined;
  if (extLength > 0) {
    const ext = headerReader(reader.bytes(extLength));
    extFields = Object.create(null) as Record<string, string>;
    while (!ext.done) {
      const key = ext.utf8(ext.int16());
      extFields[key] = ext.utf8(ext.int32());
    }
  }
  if (!reader.done) throw new FrameError(`${header.length - reader.offset} unread bytes after the ROCKETMQ header`);
  return {
    code,
    language,
    version,
    opaque,
    flag,
    ...(remark !== undefined && { remark }),
    ...(extFields && { extFields: { ...extFields } }),
    serializeType: "ROCKETMQ",
  };
}

/**
 * Splits a TCP byte stream into frames. Chunks are kept as they arrive and joined once per frame,
 * so a large body arriving in many small reads is copied once.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes of an incomplete frame waiting for more data. */
  get bufferedBytes() {
    return this.buffered;
  }

  /** Returns the frames completed by this chunk; throws FrameError on a frame that can never be valid. */
  push(chunk: Buffer): RemotingCommand[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: RemotingCommand[] = [];
    while (this.buffered >= 4) {
      const length = this.peekLength();
      if (length < 4 || length > this.maxFrameBytes) {
        throw new FrameError(`frame length ${length} is outside 4..${this.maxFrameBytes}`);
      }
      if (this.buffered < 4 + length) break;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
      const frame = all.subarray(4, 4 + length);
      const rest = all.subarray(4 + length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      frames.push(decodeFrame(frame));
    }
    return frames;
  }

  private peekLength(): number {
    if (this.chunks[0].length < 4) {
      this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    }
    return this.chunks[0].readInt32BE(0);
  }
}
