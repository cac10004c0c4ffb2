import { describe, expect, it } from "vitest";
import { topicType } from "./classify";

const cluster = { brokerClusterName: "RaftCluster", brokerNames: ["RaftNode00", "broker-b"] };

describe("topicType", () => {
  it.each([
    ["orders", "normal"],
    ["order%s_v2|x", "normal"],
    ["%RETRY%orders-reader", "retry"],
    ["%DLQ%orders-reader", "dlq"],
    ["TBW102", "system"],
    ["SCHEDULE_TOPIC_XXXX", "system"],
    ["BenchmarkTest", "system"],
    ["OFFSET_MOVED_EVENT", "system"],
    ["SELF_TEST_TOPIC", "system"],
    ["TRANS_CHECK_MAX_TIME_TOPIC", "system"],
    ["RMQ_SYS_TRANS_HALF_TOPIC", "system"],
    ["RMQ_SYS_TRANS_OP_HALF_TOPIC", "system"],
    ["RMQ_SYS_TRACE_TOPIC", "system"],
    ["rmq_sys_REVIVE_LOG_RaftCluster", "system"],
    ["rmq_sys_wheel_timer", "system"],
    ["RaftCluster", "system"],
    ["RaftCluster_REPLY_TOPIC", "system"],
    ["RaftNode00", "system"],
    ["broker-b", "system"],
    // Only whole names and RocketMQ's own prefixes: an application topic that merely looks alike is the application's.
    ["RaftNode00-orders", "normal"],
    ["my_RMQ_SYS_topic", "normal"],
    ["tbw102", "normal"],
    ["RETRY%orders", "normal"],
  ] as const)("%s is %s", (name, type) => {
    expect(topicType(name, cluster)).toBe(type);
  });
});
