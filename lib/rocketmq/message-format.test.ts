import { crc32, deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  decodeMessage,
  decodeMessages,
  decodeProperties,
  encodeProperties,
  MESSAGE_MAGIC_CODE_V1,
  MESSAGE_MAGIC_CODE_V2,
  MessageFormatError,
  MessageSysFlag,
} from "./message-format";
import { classifyMessageId, createUniqueKeyGenerator, parseOffsetMessageId, parseUniqueMessageId, uniqueIdTimestamp } from "./message-id";

/**
 * A record as a 4.9.3 broker stored one (key k-0, tags rmq-panel-test, body "seq=0", stored by 127.0.0.1:10911 at
 * commit-log offset 0x175, born on 127.0.0.1:51234), written out field by field.
 */
const RECORD_V1 = Buffer.from(
  [
    "000000be", // total size 190
    "daa320a7", // magic code v1
    "6daa1046", // body CRC (crc32("seq=0") & 0x7fffffff)
    "00000002", // queue id
    "00000000", // flag
    "0000000000000007", // queue offset
    "0000000000000175", // commit-log offset
    "00000000", // sysFlag
    "0000019d1f1d1a00", // born timestamp
    "7f000001",
    "0000c822", // born host 127.0.0.1:51234
    "0000019d1f1d1a05", // store timestamp
    "7f000001",
    "00002a9f", // store host 127.0.0.1:10911
    "00000000", // reconsume times
    "0000000000000000", // prepared transaction offset
    "00000005",
    Buffer.from("seq=0").toString("hex"),
    "0d",
    Buffer.from("PanelMessages").toString("hex"),
    "0051",
    Buffer.from(
      "KEYS\u0001k-0\u0002UNIQ_KEY\u00017F0000010D2A18B4AAC25F9A1E4B0000\u0002TAGS\u0001rmq-panel-test\u0002WAIT\u0001true\u0002",
    ).toString("hex"),
  ].join(""),
  "hex",
);

interface RecordFields {
  magic?: number;
  sysFlag?: number;
  body?: Buffer;
  topic?: string;
  properties?: string;
  bornHost?: Buffer;
  storeHost?: Buffer;
  commitLogOffset?: number;
}

/** Builds a record the way CommitLog writes one, so each variant (IPv6 hosts, v2, compression) gets a fixture. */
function record(fields: RecordFields = {}): Buffer {
  const magic = fields.magic ?? MESSAGE_MAGIC_CODE_V1;
  const body = fields.body ?? Buffer.from("hello");
  const topic = Buffer.from(fields.topic ?? "T");
  const properties = Buffer.from(fields.properties ?? "");
  const host = (ip: number[], port: number) => Buffer.concat([Buffer.from(ip), int32(port)]);
  const parts = [
    int32(magic),
    int32(crc32(body) & 0x7fffffff),
    int32(1),
    int32(0),
    int64(3),
    int64(fields.commitLogOffset ?? 4096),
    int32(fields.sysFlag ?? 0),
    int64(1_700_000_000_000),
    fields.bornHost ?? host([10, 0, 0, 1], 40000),
    int64(1_700_000_000_005),
    fields.storeHost ?? host([10, 0, 0, 2], 10911),
    int32(2),
    int64(0),
    int32(body.length),
    body,
    magic === MESSAGE_MAGIC_CODE_V2 ? int16(topic.length) : Buffer.from([topic.length]),
    topic,
    int16(properties.length),
    properties,
  ];
  const rest = Buffer.concat(parts);
  return Buffer.concat([int32(rest.length + 4), rest]);
}

function int16(value: number) {
  const b = Buffer.alloc(2);
  b.writeInt16BE(value);
  return b;
}
function int32(value: number) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value | 0);
  return b;
}
function int64(value: number) {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(value));
  return b;
}

describe("decodeMessage", () => {
  it("reads every field of a 4.9.x record", () => {
    const message = decodeMessage(RECORD_V1);
    expect(message).toEqual({
      magic: "v1",
      storeSize: 190,
      topic: "PanelMessages",
      queueId: 2,
      queueOffset: 7,
      commitLogOffset: 0x175,
      flag: 0,
      sysFlag: 0,
      bornTimestamp: 0x19d1f1d1a00,
      bornHost: "127.0.0.1:51234",
      storeTimestamp: 0x19d1f1d1a05,
      storeHost: "127.0.0.1:10911",
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
      bodyCrc: 0x6daa1046,
      bodyCrcMatches: true,
      compression: null,
      bodyDecoded: true,
      body: Buffer.from("seq=0"),
      properties: { KEYS: "k-0", UNIQ_KEY: "7F0000010D2A18B4AAC25F9A1E4B0000", TAGS: "rmq-panel-test", WAIT: "true" },
      tags: "rmq-panel-test",
      keys: ["k-0"],
      uniqueKey: "7F0000010D2A18B4AAC25F9A1E4B0000",
      offsetMsgId: "7F00000100002A9F0000000000000175",
      msgId: "7F0000010D2A18B4AAC25F9A1E4B0000",
    });
  });

  it("reads IPv6 born and store hosts by their sysFlag bits, and names the offset id after the IPv6 store host", () => {
    const v6 = (last: number, port: number) =>
      Buffer.concat([Buffer.from([0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last]), int32(port)]);
    const message = decodeMessage(
      record({ sysFlag: MessageSysFlag.BORN_HOST_V6 | MessageSysFlag.STORE_HOST_V6, bornHost: v6(1, 40000), storeHost: v6(2, 10911) }),
    );
    expect(message).toMatchObject({ bornHost: "[fd00::1]:40000", storeHost: "[fd00::2]:10911", body: Buffer.from("hello") });
    expect(message.offsetMsgId).toBe("FD000000000000000000000000000002" + "00002A9F" + "0000000000001000");
    expect(message.msgId).toBe(message.offsetMsgId);
    expect(parseOffsetMessageId(message.offsetMsgId)).toEqual({ storeHost: "[fd00::2]:10911", commitLogOffset: 4096 });
    // Only the born host IPv6: the store host stays 8 bytes.
    const mixed = decodeMessage(record({ sysFlag: MessageSysFlag.BORN_HOST_V6, bornHost: v6(1, 1) }));
    expect(mixed).toMatchObject({ bornHost: "[fd00::1]:1", storeHost: "10.0.0.2:10911" });
  });

  it("reads a v2 record's two-byte topic length", () => {
    const topic = "t".repeat(200);
    expect(decodeMessage(record({ magic: MESSAGE_MAGIC_CODE_V2, topic }))).toMatchObject({ magic: "v2", topic });
  });

  it("inflates a zlib body (4.x's compressed flag alone, and 5.x's zlib type) and leaves LZ4 and ZSTD bodies as stored", () => {
    const original = Buffer.from("large body ".repeat(1000));
    const zlib = deflateSync(original);
    for (const sysFlag of [MessageSysFlag.COMPRESSED, MessageSysFlag.COMPRESSED | (3 << 8)]) {
      const message = decodeMessage(record({ sysFlag, body: zlib }));
      expect(message).toMatchObject({ compression: "zlib", bodyDecoded: true, bodyCrcMatches: true });
      expect(message.body.equals(original)).toBe(true);
    }
    const lz4 = decodeMessage(record({ sysFlag: MessageSysFlag.COMPRESSED | (1 << 8), body: Buffer.from("not lz4") }));
    expect(lz4).toMatchObject({ compression: "lz4", bodyDecoded: false, body: Buffer.from("not lz4") });
    expect(decodeMessage(record({ sysFlag: MessageSysFlag.COMPRESSED | (2 << 8) })).compression).toBe("zstd");
    // The type bits without the compressed flag mean nothing.
    expect(decodeMessage(record({ sysFlag: 3 << 8 })).compression).toBeNull();
    expect(() => decodeMessage(record({ sysFlag: MessageSysFlag.COMPRESSED, body: Buffer.from("not zlib") }))).toThrow(MessageFormatError);
  });

  it("reports a body whose CRC does not match, and refuses what is not a record", () => {
    const damaged = Buffer.from(RECORD_V1);
    damaged[damaged.indexOf("seq=0")] = 0x53;
    expect(decodeMessage(damaged).bodyCrcMatches).toBe(false);
    const badMagic = Buffer.from(RECORD_V1);
    badMagic.writeInt32BE(0x12345678, 4);
    expect(() => decodeMessage(badMagic)).toThrow(/magic code/);
    expect(() => decodeMessage(RECORD_V1.subarray(0, 100))).toThrow(MessageFormatError);
    const longer = Buffer.concat([RECORD_V1, Buffer.alloc(1)]);
    longer.writeInt32BE(longer.length, 0);
    expect(() => decodeMessage(longer)).toThrow(/unread/);
  });

  it("splits a pull body into its records and refuses a truncated one", () => {
    const two = Buffer.concat([RECORD_V1, record({ topic: "Other" })]);
    expect(decodeMessages(two).map((m) => m.topic)).toEqual(["PanelMessages", "Other"]);
    expect(decodeMessages(Buffer.alloc(0))).toEqual([]);
    expect(() => decodeMessages(two.subarray(0, two.length - 3))).toThrow(/claims/);
  });
});

describe("properties", () => {
  it("reads name\\u0001value\\u0002 pairs, values with '=' and empty values included, and writes them back", () => {
    const text = "KEYS\u0001a b\u0002EQ\u0001x=1\u0002EMPTY\u0001\u0002";
    expect(decodeProperties(text)).toEqual({ KEYS: "a b", EQ: "x=1", EMPTY: "" });
    expect(decodeProperties(encodeProperties({ KEYS: "a b", EQ: "x=1", EMPTY: "" }))).toEqual({ KEYS: "a b", EQ: "x=1", EMPTY: "" });
    expect(decodeProperties("broken\u0002\u0001novalue\u0002")).toEqual({});
    expect(() => encodeProperties({ BAD: "a\u0002b" })).toThrow(MessageFormatError);
  });

  it("splits KEYS on blanks", () => {
    expect(decodeMessage(record({ properties: "KEYS\u0001order-1 order-2\u0002" })).keys).toEqual(["order-1", "order-2"]);
  });
});

describe("message ids", () => {
  it("reads an offset id, refusing text that cannot be one", () => {
    expect(parseOffsetMessageId("7F00000100002A9F0000000000000175")).toEqual({ storeHost: "127.0.0.1:10911", commitLogOffset: 0x175 });
    expect(parseOffsetMessageId("7f00000100002a9f0000000000000175")).toEqual({ storeHost: "127.0.0.1:10911", commitLogOffset: 0x175 });
    for (const bad of [
      "",
      "xyz",
      "7F00000100002A9F00000000000001",
      "7F00000100002A9F000000000000017Z",
      "7F000001FFFF2A9F0000000000000175",
    ]) {
      expect(parseOffsetMessageId(bad), bad).toBeNull();
    }
  });

  it("reads a unique id of a 4.9.x producer (IPv4) and of a 5.x one (IPv6), with the time it was made", () => {
    // 0x041915AA ms into the month: 19:05:52.810 on its first day.
    const v6 = parseUniqueMessageId("FD00000000000000000000000000000271CE4E0E2F2A041915AA0001");
    expect(v6).toEqual({ ip: "fd00::2", pid: 0x71ce, classLoaderHash: 0x4e0e2f2a, sinceMonthStartMs: 0x041915aa, counter: 1 });
    if (v6) expect(new Date(uniqueIdTimestamp(v6, Date.UTC(2026, 11, 1, 20))).toISOString()).toBe("2026-12-01T19:05:52.810Z");
    const v4 = parseUniqueMessageId("7F0000010D2A18B4AAC25F9A1E4B0000");
    expect(v4).toMatchObject({ ip: "127.0.0.1", pid: 0x0d2a, counter: 0 });
    // Later in the month than the reference: the month before.
    if (v4) expect(new Date(uniqueIdTimestamp(v4, Date.UTC(2026, 11, 2))).getUTCMonth()).toBe(10);
  });

  it("tells which readings an id allows: a unique id is rarely a plausible offset id", () => {
    expect(classifyMessageId("7F00000100002A9F0000000000000175").offset).not.toBeNull();
    // pid and class-loader hash where the port's zero high bytes would be: not an offset id.
    expect(classifyMessageId("7F0000010D2A18B4AAC25F9A1E4B0000")).toMatchObject({ offset: null, unique: { pid: 0x0d2a } });
    expect(classifyMessageId("not an id")).toEqual({ offset: null, unique: null });
  });

  it("makes MessageClientIDSetter-shaped unique ids: 32 hex digits, the counter counting", () => {
    const next = createUniqueKeyGenerator("10.1.2.3");
    const now = Date.UTC(2026, 11, 3, 4, 5, 6, 7);
    const [a, b] = [next(now), next(now)];
    expect(a).toMatch(/^0A010203[0-9A-F]{24}$/);
    expect(parseUniqueMessageId(b)).toMatchObject({
      ip: "10.1.2.3",
      pid: process.pid & 0xffff,
      counter: 1,
      sinceMonthStartMs: now - Date.UTC(2026, 11, 1),
    });
    const parsed = parseUniqueMessageId(a);
    if (parsed) expect(uniqueIdTimestamp(parsed, now + 1000)).toBe(now);
  });
});
