import { describe, expect, it } from "vitest";
import { RequestCode } from "./codes";
import { RocketmqProtocolError } from "./errors";
import { parseBody } from "./request";
import {
  consumerConnectionSchema,
  consumeStatsSchema,
  subscriptionGroupTableSchema,
  topicConfigTableSchema,
  topicListSchema,
  topicStatsSchema,
} from "./schema";

// Bodies as the lab's brokers sent them (trimmed to a few entries); the real-JVM suites read the live ones.
const queue = (id: number) => `{"brokerName":"g1","queueId":${id},"topic":"t"}`;
const parse = <S extends Parameters<typeof parseBody>[2]>(schema: S, body: string) =>
  parseBody("127.0.0.1:10911", Buffer.from(body), schema, "test body");

describe("admin reply bodies", () => {
  it("never speaks UPDATE_BROKER_CONFIG (25), the call that rewrites any broker setting", () => {
    expect(Object.values(RequestCode)).not.toContain(25);
  });

  it("reads a topic list sorted, each name once", () => {
    expect(parse(topicListSchema, '{"topicList":["b","TBW102","a","b"]}')).toEqual(["TBW102", "a", "b"]);
    expect(parse(topicListSchema, '{"topicList":[],"brokerAddr":null}')).toEqual([]);
  });

  it("reads topic stats keyed by MessageQueue objects, as 4.9.x (no put TPS) and 5.x write them", () => {
    const offsets = `${queue(1)}:{"lastUpdateTimestamp":1796140725639,"maxOffset":6,"minOffset":1},${queue(0)}:{"lastUpdateTimestamp":0,"maxOffset":0,"minOffset":0}`;
    const queues = [
      { brokerName: "g1", queueId: 0, minOffset: 0, maxOffset: 0, messages: 0, lastUpdateTimestamp: 0 },
      { brokerName: "g1", queueId: 1, minOffset: 1, maxOffset: 6, messages: 5, lastUpdateTimestamp: 1796140725639 },
    ];
    expect(parse(topicStatsSchema, `{"offsetTable":{${offsets}}}`)).toEqual({ queues, putTps: null });
    expect(parse(topicStatsSchema, `{"offsetTable":{${offsets}},"topicPutTps":0.0}`)).toEqual({ queues, putTps: 0 });
  });

  it("reads consume stats with the lag per queue, with and without 5.x's pull offset", () => {
    const v4 = `{"consumeTps":1.5,"offsetTable":{${queue(1)}:{"brokerOffset":6,"consumerOffset":2,"lastTimestamp":1796140725098},${queue(0)}:{"brokerOffset":5,"consumerOffset":0,"lastTimestamp":0}}}`;
    expect(parse(consumeStatsSchema, v4)).toEqual({
      queues: [
        { topic: "t", brokerName: "g1", queueId: 0, brokerOffset: 5, consumerOffset: 0, pullOffset: null, lag: 5, lastTimestamp: 0 },
        {
          topic: "t",
          brokerName: "g1",
          queueId: 1,
          brokerOffset: 6,
          consumerOffset: 2,
          pullOffset: null,
          lag: 4,
          lastTimestamp: 1796140725098,
        },
      ],
      consumeTps: 1.5,
    });
    const v5 = `{"consumeTps":0.0,"offsetTable":{${queue(0)}:{"brokerOffset":5,"consumerOffset":2,"lastTimestamp":1796141335983,"pullOffset":3}}}`;
    expect(parse(consumeStatsSchema, v5).queues[0]).toMatchObject({ consumerOffset: 2, pullOffset: 3, lag: 3 });
  });

  it("refuses an offset table whose key is not a MessageQueue", () => {
    expect(() => parse(topicStatsSchema, '{"offsetTable":{"q0":{"lastUpdateTimestamp":0,"maxOffset":0,"minOffset":0}}}')).toThrow(
      RocketmqProtocolError,
    );
  });

  it("reads a consumer group's connections and subscriptions", () => {
    const body =
      '{"connectionSet":[{"clientAddr":"127.0.0.1:43408","clientId":"192.0.2.2@rmq-panel-test-29169@STREAM","language":"JAVA","version":513}],' +
      '"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_ACTIVELY","messageModel":"CLUSTERING",' +
      '"subscriptionTable":{"t":{"classFilterMode":false,"codeSet":[],"expressionType":"TAG","subString":"*","subVersion":0,"tagsSet":[],"topic":"t"}}}';
    expect(parse(consumerConnectionSchema, body)).toEqual({
      connections: [
        { clientId: "192.0.2.2@rmq-panel-test-29169@STREAM", clientAddr: "127.0.0.1:43408", language: "JAVA", versionOrdinal: 513 },
      ],
      subscriptions: [{ topic: "t", expression: "*", expressionType: "TAG", tags: [], subVersion: 0 }],
      consumeType: "CONSUME_ACTIVELY",
      messageModel: "CLUSTERING",
      consumeFromWhere: "CONSUME_FROM_LAST_OFFSET",
    });
  });

  it("reads a 5.x topic table (attributes, mapping data version) sorted by name", () => {
    const body =
      '{"dataVersion":{"counter":3,"stateVersion":0,"timestamp":1796141300828},"mappingDataVersion":{"counter":0,"stateVersion":0,"timestamp":1},' +
      '"topicConfigTable":{"b":{"attributes":{"+message.type":"NORMAL"},"order":true,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG","topicName":"b","topicSysFlag":0,"writeQueueNums":4},' +
      '"a":{"order":false,"perm":7,"readQueueNums":8,"topicFilterType":"SINGLE_TAG","topicName":"a","topicSysFlag":0,"writeQueueNums":8}}}';
    const table = parse(topicConfigTableSchema, body);
    expect(table.topics.map((t) => t.topic)).toEqual(["a", "b"]);
    expect(table.topics[1]).toEqual({
      topic: "b",
      readQueueNums: 4,
      writeQueueNums: 4,
      perm: 6,
      topicFilterType: "SINGLE_TAG",
      topicSysFlag: 0,
      order: true,
      attributes: { "+message.type": "NORMAL" },
    });
    expect(table.dataVersion).toEqual({ counter: 3, stateVersion: 0, timestamp: 1796141300828 });
  });

  it("reads a 5.x subscription group table with the settings 4.9.x does not have", () => {
    const body =
      '{"dataVersion":{"counter":0,"stateVersion":0,"timestamp":1},"forbiddenTable":{},"subscriptionGroupTable":{"g":{"attributes":{},"brokerId":0,' +
      '"consumeBroadcastEnable":false,"consumeEnable":true,"consumeFromMinEnable":true,"consumeMessageOrderly":false,"consumeTimeoutMinute":15,' +
      '"groupName":"g","groupRetryPolicy":{"type":"CUSTOMIZED"},"groupSysFlag":0,"notifyConsumerIdsChangedEnable":true,"retryMaxTimes":3,' +
      '"retryQueueNums":1,"whichBrokerWhenConsumeSlowly":1}}}';
    expect(parse(subscriptionGroupTableSchema, body).groups).toEqual([
      {
        groupName: "g",
        consumeEnable: true,
        consumeFromMinEnable: true,
        consumeBroadcastEnable: false,
        retryQueueNums: 1,
        retryMaxTimes: 3,
        brokerId: 0,
        whichBrokerWhenConsumeSlowly: 1,
        notifyConsumerIdsChangedEnable: true,
        consumeMessageOrderly: false,
        consumeTimeoutMinute: 15,
        groupSysFlag: 0,
        attributes: {},
      },
    ]);
  });
});
