import { describe, expect, it } from "vitest";
import type { ConsumeStats, TopicConfig, TopicStats } from "../../rocketmq";
import { groupReading, type IndexedTopic, topicReading } from "./rows";
import { diffRows, settleGroup, settleTopic } from "./settle";

const cluster = { brokerClusterName: "C", brokerNames: ["a", "b"] };
const config = (readQueueNums: number, writeQueueNums: number, perm = 6, order = false): TopicConfig => ({
  topic: "orders",
  readQueueNums,
  writeQueueNums,
  perm,
  topicFilterType: "SINGLE_TAG",
  topicSysFlag: 0,
  order,
  attributes: {},
});
const stats = (brokerName: string, queues: [number, number, number][]): TopicStats => ({
  queues: queues.map(([minOffset, maxOffset, lastUpdateTimestamp], queueId) => ({
    brokerName,
    queueId,
    minOffset,
    maxOffset,
    messages: maxOffset - minOffset,
    lastUpdateTimestamp,
  })),
  putTps: null,
});
const consume = (tps: number, lags: [string, number, number][]): ConsumeStats => ({
  consumeTps: tps,
  queues: lags.map(([topic, brokerOffset, consumerOffset], queueId) => ({
    topic,
    brokerName: "a",
    queueId,
    brokerOffset,
    consumerOffset,
    pullOffset: null,
    lag: brokerOffset - consumerOffset,
    lastTimestamp: 0,
  })),
});

describe("topicReading", () => {
  it("sums messages over every queue of every group and takes the newest store time", () => {
    const reading = topicReading(
      "orders",
      [
        { brokerName: "b", config: config(4, 4, 4) },
        { brokerName: "a", config: config(8, 8, 6, true) },
      ],
      [
        stats("a", [
          [0, 10, 1000],
          [5, 7, 3000],
        ]),
        stats("b", [[0, 0, 0]]),
      ],
      ["g2", "g1", "g2"],
      cluster,
    );
    expect(reading).toEqual({
      row: {
        name: "orders",
        type: "normal",
        brokerNames: ["a", "b"],
        readQueueNums: 8,
        writeQueueNums: 8,
        perm: 6,
        order: true,
        messages: 12,
        lastUpdatedAt: 3000,
        consumerGroups: ["g1", "g2"],
      },
      statsMissing: false,
    });
  });

  it("says an empty topic was never updated, and marks a group whose stats failed", () => {
    const reading = topicReading("orders", [{ brokerName: "a", config: config(1, 1) }], [stats("a", [[0, 0, 0]]), null], [], cluster);
    expect(reading.row).toMatchObject({ messages: 0, lastUpdatedAt: null });
    expect(reading.statsMissing).toBe(true);
  });
});

describe("groupReading", () => {
  it("adds lag and TPS over groups, and is online with the connected clients' message model", () => {
    const connection = {
      connections: [1, 2].map((i) => ({ clientId: `c${i}`, clientAddr: "1.2.3.4:5", language: "JAVA", versionOrdinal: 399 })),
      subscriptions: [{ topic: "payments", expression: "*", expressionType: "TAG", tags: [], subVersion: 1 }],
      consumeType: "CONSUME_PASSIVELY",
      messageModel: "CLUSTERING",
      consumeFromWhere: null,
    };
    const reading = groupReading(
      "g",
      ["b", "a"],
      [
        consume(1.5, [
          ["orders", 10, 4],
          ["%RETRY%g", 2, 2],
        ]),
        consume(2, [["orders", 5, 5]]),
      ],
      connection,
    );
    expect(reading).toEqual({
      row: {
        name: "g",
        online: true,
        clients: 2,
        messageModel: "CLUSTERING",
        consumeTps: 3.5,
        lag: 6,
        topics: ["%RETRY%g", "orders", "payments"],
        brokerNames: ["a", "b"],
      },
      consumeMissing: false,
      connectionMissing: false,
    });
  });

  it("is offline without connections, and marks what failed", () => {
    expect(groupReading("g", ["a"], [consume(0, [])], null)).toMatchObject({
      row: { online: false, clients: 0, messageModel: null },
      connectionMissing: false,
    });
    expect(groupReading("g", ["a"], [null], undefined)).toMatchObject({ consumeMissing: true, connectionMissing: true });
  });
});

const topic = (name: string, over: Partial<IndexedTopic> = {}): IndexedTopic => ({
  name,
  type: "normal",
  brokerNames: ["a"],
  readQueueNums: 4,
  writeQueueNums: 4,
  perm: 6,
  order: false,
  messages: 0,
  lastUpdatedAt: null,
  consumerGroups: [],
  ...over,
});

describe("settle", () => {
  it("keeps the stored figures of a part the brokers did not answer, and starts a new row from what was read", () => {
    const stored = topic("t", { messages: 50, lastUpdatedAt: 9 });
    const fresh = { row: topic("t", { messages: 0, readQueueNums: 8 }), statsMissing: true };
    expect(settleTopic(fresh, stored)).toEqual(topic("t", { messages: 50, lastUpdatedAt: 9, readQueueNums: 8 }));
    expect(settleTopic(fresh, undefined)).toEqual(fresh.row);
    expect(settleTopic({ ...fresh, statsMissing: false }, stored)).toEqual(fresh.row);

    const group = {
      name: "g",
      online: true,
      clients: 2,
      messageModel: "CLUSTERING" as const,
      consumeTps: 3,
      lag: 7,
      topics: ["t"],
      brokerNames: ["a"],
    };
    const offline = { ...group, online: false, clients: 0, messageModel: null, consumeTps: 0, lag: 0, topics: [] };
    expect(settleGroup({ row: offline, consumeMissing: true, connectionMissing: false }, group)).toEqual({
      ...offline,
      lag: 7,
      consumeTps: 3,
      topics: ["t"],
    });
    expect(settleGroup({ row: offline, consumeMissing: false, connectionMissing: true }, group)).toEqual({
      ...offline,
      online: true,
      clients: 2,
      messageModel: "CLUSTERING",
    });
  });
});

describe("diffRows", () => {
  it("finds added, changed (any field, arrays item by item) and removed rows, and leaves equal ones alone", () => {
    const stored = [topic("same"), topic("gone"), topic("more", { messages: 1 }), topic("moved", { brokerNames: ["a"] })];
    const fresh = [topic("same"), topic("more", { messages: 2 }), topic("moved", { brokerNames: ["a", "b"] }), topic("new")];
    expect(diffRows(stored, fresh)).toEqual({
      added: [topic("new")],
      changed: [topic("more", { messages: 2 }), topic("moved", { brokerNames: ["a", "b"] })],
      removed: ["gone"],
    });
    expect(diffRows(fresh, fresh)).toEqual({ added: [], changed: [], removed: [] });
    expect(diffRows([topic("x", { lastUpdatedAt: null })], [topic("x", { lastUpdatedAt: 0 })]).changed).toHaveLength(1);
  });
});
