import { describe, expect, it } from "vitest";
import { decodeFrame, encodeCommand, FrameDecoder, FrameError, type RemotingCommand } from "./codec";
import { LANGUAGES } from "./codes";

/** mulberry32: a seeded generator, so a failing fuzz case can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(random: () => number, max: number): string {
  const alphabet = "abcXYZ019 _-:;={}\"'\\/\n\u00e9\u96c6\u{1F600}";
  const chars = [...alphabet];
  return Array.from({ length: Math.floor(random() * max) }, () => chars[Math.floor(random() * chars.length)]).join("");
}

function randomCommand(random: () => number): RemotingCommand {
  const binary = random() < 0.5;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const command: RemotingCommand = {
    code: binary ? int(-0x8000, 0x7fff) : int(-1, 60000),
    language: LANGUAGES[int(0, LANGUAGES.length - 1)],
    version: binary ? int(-0x8000, 0x7fff) : int(0, 600),
    opaque: int(-0x80000000, 0x7fffffff),
    flag: int(0, 3),
    serializeType: binary ? "ROCKETMQ" : "JSON",
  };
  if (random() < 0.5) command.remark = randomString(random, 40) || "r";
  if (random() < 0.6) {
    command.extFields = Object.fromEntries(
      Array.from({ length: int(1, 6) }, (_, i) => [`k${i}${randomString(random, 8)}`, randomString(random, 30)]),
    );
  }
  if (random() < 0.6) command.body = Buffer.from(Array.from({ length: int(1, 300) }, () => int(0, 255)));
  return command;
}

/** Splits bytes at random points, as TCP may deliver them. */
function randomChunks(random: () => number, bytes: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const size = 1 + Math.floor(random() * (random() < 0.3 ? 4 : 200));
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

describe("remoting codec", () => {
  it("writes the JSON header the way fastjson does: sorted keys, nulls omitted, version and type", () => {
    const frame = encodeCommand({
      code: 105,
      language: "JAVA",
      version: 399,
      opaque: 7,
      flag: 0,
      extFields: { topic: "T" },
      serializeType: "JSON",
    });
    const header =
      '{"code":105,"extFields":{"topic":"T"},"flag":0,"language":"JAVA","opaque":7,"serializeTypeCurrentRPC":"JSON","version":399}';
    expect(frame.readInt32BE(0)).toBe(4 + header.length);
    expect(frame.readUInt8(4)).toBe(0);
    expect(frame.readUIntBE(5, 3)).toBe(header.length);
    expect(frame.subarray(8).toString()).toBe(header);
  });

  it("decodes a ROCKETMQ binary header built byte by byte from the Java layout", () => {
    const remark = Buffer.from("ok");
    const ext = Buffer.concat([Buffer.from([0, 1]), Buffer.from("k"), Buffer.from([0, 0, 0, 2]), Buffer.from("vv")]);
    const header = Buffer.concat([
      Buffer.from([0x00, 0x69]), // code 105
      Buffer.from([0x09]), // language GO
      Buffer.from([0x01, 0x8f]), // version 399
      Buffer.from([0, 0, 0, 42]), // opaque
      Buffer.from([0, 0, 0, 1]), // flag: response
      Buffer.from([0, 0, 0, remark.length]),
      remark,
      Buffer.from([0, 0, 0, ext.length]),
      ext,
    ]);
    const body = Buffer.from("BODY");
    const typeAndLength = Buffer.from([1, 0, 0, header.length]);
    expect(decodeFrame(Buffer.concat([typeAndLength, header, body]))).toEqual({
      code: 105,
      language: "GO",
      version: 399,
      opaque: 42,
      flag: 1,
      remark: "ok",
      extFields: { k: "vv" },
      body,
      serializeType: "ROCKETMQ",
    });
  });

  it("reads a Java JSON header with fields it does not know and an enum language", () => {
    const header = Buffer.from(
      '{"code":0,"flag":1,"language":"JAVA","opaque":3,"serializeTypeCurrentRPC":"JSON","version":479,"extFields":{"n":1}}',
    );
    const frame = Buffer.concat([Buffer.from([0, 0, 0, header.length]), header]);
    expect(decodeFrame(frame)).toEqual({
      code: 0,
      language: "JAVA",
      version: 479,
      opaque: 3,
      flag: 1,
      extFields: { n: "1" },
      serializeType: "JSON",
    });
  });

  it("refuses a DLedger code in the binary header, which only has 16 bits for it", () => {
    expect(() => encodeCommand({ code: 50000, language: "JAVA", version: 0, opaque: 1, flag: 0, serializeType: "ROCKETMQ" })).toThrow(
      FrameError,
    );
  });

  it("round-trips 10,000 random frames of both header types through random TCP chunking", () => {
    const random = rng(20240601);
    const commands = Array.from({ length: 10_000 }, () => randomCommand(random));
    const stream = Buffer.concat(commands.map(encodeCommand));
    const decoder = new FrameDecoder();
    const decoded = randomChunks(random, stream).flatMap((chunk) => decoder.push(chunk));
    expect(decoder.bufferedBytes).toBe(0);
    expect(decoded).toHaveLength(commands.length);
    // Every field is encoded, so equal bytes mean equal commands; a deep comparison of a sample shows the fields.
    expect(Buffer.concat(decoded.map(encodeCommand)).equals(stream)).toBe(true);
    expect(decoded.slice(0, 500)).toEqual(commands.slice(0, 500));
  });

  it("answers 10,000 random garbage streams with frames or a FrameError, never anything else", () => {
    const random = rng(7);
    let errors = 0;
    for (let i = 0; i < 10_000; i++) {
      const valid = encodeCommand(randomCommand(random));
      // Mutate a valid frame (the interesting case) or send pure noise.
      const bytes =
        random() < 0.7
          ? Buffer.from(valid)
          : Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--)
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const decoder = new FrameDecoder(1024 * 1024);
      try {
        for (const chunk of randomChunks(random, bytes)) decoder.push(chunk);
      } catch (error) {
        expect(error).toBeInstanceOf(FrameError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(1000);
  });

  it("rejects an absurd length prefix at once instead of buffering for it", () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 0]))).toThrow(/frame length 2147483647/);
    expect(() => new FrameDecoder().push(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(/frame length -1/);
    expect(() => new FrameDecoder().push(Buffer.from([0, 0, 0, 2, 0, 0]))).toThrow(/frame length 2/);
  });

  it("rejects a header length beyond the frame and an unknown serialize type", () => {
    expect(() => new FrameDecoder().push(Buffer.from([0, 0, 0, 5, 0, 0, 0, 9, 0]))).toThrow(/header length 9 exceeds/);
    expect(() => new FrameDecoder().push(Buffer.from([0, 0, 0, 6, 7, 0, 0, 2, 0x7b, 0x7d]))).toThrow(/unknown serialize type 7/);
  });

  it("keeps a partial frame until the rest arrives", () => {
    const frame = encodeCommand({
      code: 1,
      language: "JAVA",
      version: 1,
      opaque: 1,
      flag: 1,
      serializeType: "JSON",
      body: Buffer.alloc(5000, 1),
    });
    const decoder = new FrameDecoder();
    expect(decoder.push(frame.subarray(0, 3))).toEqual([]);
    expect(decoder.push(frame.subarray(3, 4000))).toEqual([]);
    expect(decoder.bufferedBytes).toBe(4000);
    expect(decoder.push(frame.subarray(4000))).toHaveLength(1);
    expect(decoder.bufferedBytes).toBe(0);
  });
});
