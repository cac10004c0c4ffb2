import { describe, expect, it } from "vitest";
import { FastjsonSyntaxError, parseFastjson } from "./fastjson";

describe("parseFastjson", () => {
  it("reads a cluster-info body whose Long map keys are bare, as 4.9.x and 5.x NameServers write it", () => {
    const body =
      '{"brokerAddrTable":{"g1":{"brokerAddrs":{0:"127.0.0.1:30911",2:"127.0.0.1:30921"},"brokerName":"g1","cluster":"c"}},' +
      '"clusterAddrTable":{"c":["g1"]}}';
    expect(parseFastjson(body)).toEqual({
      brokerAddrTable: { g1: { brokerAddrs: { 0: "127.0.0.1:30911", 2: "127.0.0.1:30921" }, brokerName: "g1", cluster: "c" } },
      clusterAddrTable: { c: ["g1"] },
    });
  });

  it("reads a map keyed by objects (topic and consume stats keyed by MessageQueue) with each key as canonical JSON text", () => {
    const body =
      '{"offsetTable":{{"brokerName":"g1","queueId":1,"topic":"t"}:{"maxOffset":5,"minOffset":0},' +
      '{"brokerName":"g1","queueId":0,"topic":"t"}:{"maxOffset":9223372036854775807,"minOffset":2}}}';
    const parsed = parseFastjson(body) as { offsetTable: Record<string, unknown> };
    expect(Object.keys(parsed.offsetTable)).toEqual([
      '{"brokerName":"g1","queueId":1,"topic":"t"}',
      '{"brokerName":"g1","queueId":0,"topic":"t"}',
    ]);
    expect(parsed.offsetTable['{"brokerName":"g1","queueId":0,"topic":"t"}']).toEqual({ maxOffset: 9223372036854775807n, minOffset: 2 });
    expect(parseFastjson('{[1,{"big":9007199254740993}]:"x"}')).toEqual({ '[1,{"big":9007199254740993}]': "x" });
    expect(parseFastjson('{{"big":9007199254740993}:1}')).toEqual({ '{"big":9007199254740993}': 1 });
    expect(parseFastjson(Object.keys(parseFastjson('{{"big":9007199254740993}:1}') as object)[0])).toEqual({ big: 9007199254740993n });
  });

  it("reads standard JSON exactly as JSON.parse does", () => {
    const samples = ['{"a":[1,-2.5,3e2,true,false,null],"b":{"c":"d\\n\\u00e9\\"x"}}', "[]", "{}", '"s"', "0", "-0.5", " [ 1 , 2 ] "];
    for (const sample of samples) expect(parseFastjson(sample)).toEqual(JSON.parse(sample));
  });

  it("accepts what fastjson also reads: single quotes and bare identifier keys", () => {
    expect(parseFastjson("{name:'it''s'}".replace("''", "\\'"))).toEqual({ name: "it's" });
    expect(parseFastjson("{-1:'x', 12:true}")).toEqual({ "-1": "x", "12": true });
  });

  it("keeps integers beyond 2^53 exact", () => {
    expect(parseFastjson('{"offset":9223372036854775807}')).toEqual({ offset: 9223372036854775807n });
    expect(parseFastjson("9007199254740991")).toBe(9007199254740991);
  });

  it("treats __proto__ as an ordinary key", () => {
    const value = parseFastjson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads bytes as UTF-8", () => {
    expect(parseFastjson(Buffer.from('{"k":"集群"}'))).toEqual({ k: "集群" });
  });

  it.each([
    ["", "unexpected end of input"],
    ["{", "expected a key"],
    ['{"a" 1}', "expected ':'"],
    ['{"a":1 "b":2}', "expected ',' or '}'"],
    ["[1 2]", "expected ',' or ']'"],
    ['"open', "unterminated string"],
    ['"\\x"', "bad escape"],
    ['"\\u12"', "bad \\u escape"],
    ["nul", "unexpected character"],
    ["alert(1)", "unexpected character"],
    ["{} x", "unexpected text after the value"],
  ])("rejects %j with a syntax error (%s)", (input, message) => {
    expect(() => parseFastjson(input)).toThrow(FastjsonSyntaxError);
    expect(() => parseFastjson(input)).toThrow(message);
  });

  it("refuses absurd nesting instead of overflowing the stack", () => {
    expect(() => parseFastjson("[".repeat(10_000))).toThrow("nesting too deep");
  });
});
