/**
 * Topics and consumer groups against the real-JVM lab (part of dledger-group-suite.ts, on its lab): create on
 * the group's leader, refused on a follower, stats, a real Java producer and consumer group, lag, deletes.
 */
import { expect, it } from "vitest";
import { produceMessages, startGroupConsumer } from "@/lib/testing/java-client";
import { RequestCode, ResponseCode } from "../codes";
import { isNotLeaderError } from "../leader";
import { RemotingClient } from "../pool";
import { send } from "../request";
import { TopicPerm } from "../topics";
import { ROCKETMQ_RELEASES } from "../versions";
import type { GroupSuiteContext } from "./dledger-group-suite";
import { eventually } from "./lab-group";

const TOPIC = "PanelOrders";
const GROUP = "PanelOrdersReader";
const MESSAGES = 22;
const READ_PER_QUEUE = 2;

export function describeTopicsAndGroups({ version, rocketmq, lab, group }: GroupSuiteContext) {
  const is5 = version.startsWith("5.");
  const namesrv = () => lab().namesrv.address;
  const leaderAndFollower = async () => {
    const { leaderId } = await eventually("agreement on a leader", 30_000, () => group().agreedLeader());
    const followerId = group()
      .allIds()
      .find((id) => id !== leaderId) as string;
    return { leader: group().nodeOf(leaderId).brokerAddress, follower: group().nodeOf(followerId) };
  };
  const topicNames = async (broker: string) => (await rocketmq.getAllTopicConfigs(broker)).topics.map((t) => t.topic);
  const groupNames = async (broker: string) => (await rocketmq.getAllSubscriptionGroups(broker)).groups.map((g) => g.groupName);

  it("creates a topic with 4 queues on the leader, which the NameServer then lists and routes", async () => {
    const { leader } = await leaderAndFollower();
    await rocketmq.createOrUpdateTopic(leader, { topic: TOPIC, readQueueNums: 4, writeQueueNums: 4 });
    const config = (await rocketmq.getAllTopicConfigs(leader)).topics.find((t) => t.topic === TOPIC);
    expect(config).toEqual({
      topic: TOPIC,
      readQueueNums: 4,
      writeQueueNums: 4,
      perm: TopicPerm.READ_WRITE,
      topicFilterType: "SINGLE_TAG",
      topicSysFlag: 0,
      order: false,
      attributes: {},
    });
    // The broker registers the topic with the NameServer as it creates it; the poll only absorbs a slow machine.
    const route = await eventually("the new topic's route", 30_000, () => rocketmq.getTopicRoute(namesrv(), TOPIC));
    expect(route.queues).toEqual([
      { brokerName: lab().group, readQueueNums: 4, writeQueueNums: 4, perm: TopicPerm.READ_WRITE, topicSysFlag: 0 },
    ]);
    expect(await rocketmq.getAllTopics(namesrv())).toContain(TOPIC);
    expect(await rocketmq.getTopicsByCluster(namesrv(), lab().cluster)).toContain(TOPIC);
    expect(await rocketmq.getTopicsByCluster(namesrv(), "NoSuchCluster")).toEqual([]);
  }, 60_000);

  it("refuses a write to a follower with NOT_LEADER, naming the follower, and writes nothing", async () => {
    const { leader, follower } = await leaderAndFollower();
    const address = follower.brokerAddress;
    const writes = [
      rocketmq.createOrUpdateTopic(address, { topic: "PanelOnFollower", readQueueNums: 4, writeQueueNums: 4 }),
      rocketmq.deleteTopicInBroker(address, TOPIC),
      rocketmq.createOrUpdateSubscriptionGroup(address, { groupName: "PanelOnFollower" }),
      rocketmq.deleteSubscriptionGroup(address, "TOOLS_CONSUMER"),
    ];
    const codes = [
      RequestCode.UPDATE_AND_CREATE_TOPIC,
      RequestCode.DELETE_TOPIC_IN_BROKER,
      RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
      RequestCode.DELETE_SUBSCRIPTIONGROUP,
    ];
    // Settled together: a refusal that arrives before the loop reaches it must not count as an unhandled rejection.
    const settled = await Promise.allSettled(writes);
    for (const [i, outcome] of settled.entries()) {
      const refused = outcome.status === "rejected" ? outcome.reason : undefined;
      expect(isNotLeaderError(refused)).toBe(true);
      expect(refused).toMatchObject({ kind: "remote", address, requestCode: codes[i], codeName: "NOT_LEADER", remoteCode: 404 });
      expect((refused as { remark: string }).remark).toBe(
        `it is DLedger follower ${follower.selfId} (brokerId ${Number(follower.selfId.slice(1)) + 1}) of broker group ` +
          `${lab().group}, not its leader; write to the leader (brokerId 0 in the NameServer)`,
      );
    }
    // Nothing reached the follower, and the topic the refused delete named is still the leader's.
    expect(await topicNames(address)).not.toContain("PanelOnFollower");
    expect(await topicNames(leader)).toContain(TOPIC);
    expect(await groupNames(address)).not.toContain("PanelOnFollower");
    expect(await groupNames(address)).toContain("TOOLS_CONSUMER");
    await expect(rocketmq.getTopicRoute(namesrv(), "PanelOnFollower")).rejects.toMatchObject({ remoteCode: ResponseCode.TOPIC_NOT_EXIST });
  }, 60_000);

  it("shows why: unguarded, only 4.9.7's follower refuses a write; 4.9.3's and 5.5.0's accept one nobody routes to", async () => {
    const { follower } = await leaderAndFollower();
    const raw = new RemotingClient({ timeoutMs: 5000 });
    try {
      const topic = "PanelFollowerOnly";
      const extFields = {
        topic,
        defaultTopic: "TBW102",
        readQueueNums: "1",
        writeQueueNums: "1",
        perm: "6",
        topicFilterType: "SINGLE_TAG",
      };
      const reply = await send(raw, follower.brokerAddress, RequestCode.UPDATE_AND_CREATE_TOPIC, {
        extFields: { ...extFields, order: "false" },
      });
      if (version === "4.9.7") {
        expect(reply).toMatchObject({ code: ResponseCode.SYSTEM_ERROR, remark: expect.stringMatching(/from slave broker/) });
      } else {
        expect(reply.code).toBe(ResponseCode.SUCCESS);
        expect(await topicNames(follower.brokerAddress)).toContain(topic);
      }
      // The NameServer takes a group's queues from brokerId 0 only; the follower's next sync drops the topic (10 s).
      await expect(rocketmq.getTopicRoute(namesrv(), topic)).rejects.toMatchObject({ remoteCode: ResponseCode.TOPIC_NOT_EXIST });
    } finally {
      await raw.close();
    }
  }, 60_000);

  it("creates a subscription group on the leader and reads it back", async () => {
    const { leader } = await leaderAndFollower();
    await rocketmq.createOrUpdateSubscriptionGroup(leader, { groupName: GROUP, retryMaxTimes: 3, consumeBroadcastEnable: false });
    const created = (await rocketmq.getAllSubscriptionGroups(leader)).groups.find((g) => g.groupName === GROUP);
    // What was left out takes the broker's defaults.
    expect(created).toMatchObject({
      groupName: GROUP,
      retryMaxTimes: 3,
      consumeBroadcastEnable: false,
      consumeEnable: true,
      consumeFromMinEnable: true,
      retryQueueNums: 1,
      brokerId: 0,
      whichBrokerWhenConsumeSlowly: 1,
      notifyConsumerIdsChangedEnable: true,
    });
    expect(created?.consumeMessageOrderly).toBe(is5 ? false : undefined);
  }, 60_000);

  it("reads topic stats, then the exact lag per queue and the connection of a real Java consumer group", async () => {
    const { leader } = await leaderAndFollower();
    const empty = await rocketmq.getTopicStats(leader, TOPIC);
    expect(empty).toEqual({
      queues: [0, 1, 2, 3].map((queueId) => ({
        brokerName: lab().group,
        queueId,
        minOffset: 0,
        maxOffset: 0,
        messages: 0,
        lastUpdateTimestamp: 0,
      })),
      putTps: is5 ? 0 : null,
    });
    await expect(rocketmq.getTopicStats(leader, "NoSuchTopic")).rejects.toMatchObject({ remoteCode: ResponseCode.TOPIC_NOT_EXIST });
    expect(await rocketmq.getConsumerConnections(leader, GROUP)).toBeNull();

    const startedAt = Date.now();
    let mark = performance.now();
    const produced = await produceMessages({ namesrv: namesrv(), topic: TOPIC, count: MESSAGES, version });
    const produceMs = Math.round(performance.now() - mark);
    expect(produced).toMatchObject({ sent: MESSAGES, acked: MESSAGES });
    const stats = await rocketmq.getTopicStats(leader, TOPIC);
    expect(stats.queues.reduce((sum, q) => sum + q.messages, 0)).toBe(MESSAGES);
    for (const queue of stats.queues) expect(queue).toMatchObject({ minOffset: 0, lastUpdateTimestamp: expect.any(Number) });
    expect(Math.min(...stats.queues.map((q) => q.lastUpdateTimestamp))).toBeGreaterThanOrEqual(startedAt - 1000);

    mark = performance.now();
    const consumer = await startGroupConsumer({ namesrv: namesrv(), topic: TOPIC, group: GROUP, perQueue: READ_PER_QUEUE, version });
    const consumerMs = Math.round(performance.now() - mark);
    try {
      expect(consumer.summary.queues).toEqual(
        stats.queues.map((q) => ({ brokerName: lab().group, queueId: q.queueId, read: READ_PER_QUEUE, committedOffset: READ_PER_QUEUE })),
      );
      const consumed = await rocketmq.getConsumeStats(leader, GROUP, { topic: TOPIC });
      expect(consumed.queues).toEqual(
        stats.queues.map((q) => ({
          topic: TOPIC,
          brokerName: lab().group,
          queueId: q.queueId,
          brokerOffset: q.maxOffset,
          consumerOffset: READ_PER_QUEUE,
          pullOffset: is5 ? READ_PER_QUEUE : null,
          lag: q.maxOffset - READ_PER_QUEUE,
          lastTimestamp: expect.any(Number),
        })),
      );
      expect(consumed.queues.reduce((sum, q) => sum + q.lag, 0)).toBe(MESSAGES - 4 * READ_PER_QUEUE);
      for (const [i, queue] of consumed.queues.entries()) {
        // The store time of the last message read: after the first send, not after the queue's newest message.
        expect(queue.lastTimestamp).toBeGreaterThanOrEqual(startedAt - 1000);
        expect(queue.lastTimestamp).toBeLessThanOrEqual(stats.queues[i].lastUpdateTimestamp);
      }
      expect(consumed.consumeTps).toBeGreaterThanOrEqual(0);
      // Without a topic: every topic the group has offsets for, here the one.
      expect((await rocketmq.getConsumeStats(leader, GROUP)).queues).toEqual(consumed.queues);

      const connections = await rocketmq.getConsumerConnections(leader, GROUP);
      expect(connections).toEqual({
        connections: [
          {
            clientId: consumer.summary.clientId,
            clientAddr: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
            language: "JAVA",
            versionOrdinal: ROCKETMQ_RELEASES[version].mqVersionOrdinal,
          },
        ],
        subscriptions: [{ topic: TOPIC, expression: "*", expressionType: "TAG", tags: [], subVersion: expect.any(Number) }],
        consumeType: "CONSUME_ACTIVELY",
        messageModel: "CLUSTERING",
        consumeFromWhere: "CONSUME_FROM_LAST_OFFSET",
      });
      expect(await rocketmq.getTopicConsumers(leader, TOPIC)).toEqual([GROUP]);
    } finally {
      await consumer.stop();
    }
    // The broker drops the connection when the client's socket closes.
    await eventually("the group to go offline", 10_000, async () =>
      (await rocketmq.getConsumerConnections(leader, GROUP)) === null ? true : undefined,
    );
    console.info(`[${version}] Java client: ${MESSAGES} messages produced in ${produceMs} ms, consumer group ready in ${consumerMs} ms`);
  }, 180_000);

  it("updates a topic in place: read-only, and the order flag only 5.x keeps", async () => {
    const { leader } = await leaderAndFollower();
    await rocketmq.createOrUpdateTopic(leader, { topic: TOPIC, readQueueNums: 4, writeQueueNums: 4, perm: TopicPerm.READ, order: true });
    const config = (await rocketmq.getAllTopicConfigs(leader)).topics.find((t) => t.topic === TOPIC);
    expect(config).toMatchObject({ perm: TopicPerm.READ, order: is5 });
    await eventually("the route to say read-only", 30_000, async () => {
      const route = await rocketmq.getTopicRoute(namesrv(), TOPIC);
      return route.queues[0]?.perm === TopicPerm.READ ? route : undefined;
    });
  }, 60_000);

  it("deletes the group and the topic on the leader, then the topic on the NameServer: all gone", async () => {
    const { leader } = await leaderAndFollower();
    await rocketmq.deleteSubscriptionGroup(leader, GROUP, { cleanOffset: true });
    expect(await groupNames(leader)).not.toContain(GROUP);
    // Its offsets went with it: nobody consumes the topic any more.
    expect(await rocketmq.getTopicConsumers(leader, TOPIC)).toEqual([]);

    await rocketmq.deleteTopicInBroker(leader, TOPIC);
    expect(await topicNames(leader)).not.toContain(TOPIC);
    await expect(rocketmq.getTopicStats(leader, TOPIC)).rejects.toMatchObject({ remoteCode: ResponseCode.TOPIC_NOT_EXIST });
    // The broker does not tell the NameServer; the NameServer forgets the route when told to.
    expect(await rocketmq.getAllTopics(namesrv())).toContain(TOPIC);
    await rocketmq.deleteTopicInNamesrv(namesrv(), TOPIC, { cluster: lab().cluster });
    expect(await rocketmq.getAllTopics(namesrv())).not.toContain(TOPIC);
    expect(await rocketmq.getTopicsByCluster(namesrv(), lab().cluster)).not.toContain(TOPIC);
    await expect(rocketmq.getTopicRoute(namesrv(), TOPIC)).rejects.toMatchObject({ remoteCode: ResponseCode.TOPIC_NOT_EXIST });
  }, 60_000);
}
