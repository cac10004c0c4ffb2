/**
 * The console's index against the real-JVM lab (a suite of dledger-group-suite.ts, on its lab): the lab's cluster
 * as an attached cluster row, a topic and a subscription group on the leader, messages from the real Java producer,
 * part of them consumed by a real consumer group, then one refresh of the index and its rows checked exactly; then
 * the rows a console write refreshes on its own, down to a deleted topic and group leaving the lists at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { GroupSuiteContext } from "@/lib/rocketmq/testing/dledger-group-suite";
import { eventually } from "@/lib/rocketmq/testing/lab-group";
import { produceMessages, startGroupConsumer } from "@/lib/testing/java-client";
import { listGroups, listTopics, readLag, refreshClusterIndex, refreshGroupRow, refreshTopicRow } from "../index";
import { groupListQuery, topicListQuery } from "../schema";
import { resolveTargets } from "../targets";

const MESSAGES = 10;
const QUEUES = 4;
const READ_PER_QUEUE = 1;

export function describeConsoleIndex({ version, rocketmq, lab, group }: GroupSuiteContext) {
  describe(`the console index on RocketMQ ${version}`, () => {
    const suffix = `${version.replaceAll(".", "")}_${process.pid}`;
    const TOPIC = `IndexOrders_${suffix}`;
    const GROUP = `IndexReader_${suffix}`;
    let clusterId = "";
    // The leader as DLedger and the NameServers both name it: the index reads where the NameServers point (brokerId 0),
    // and a suite before this one may have just moved leadership.
    const leader = async () => {
      const { leaderId } = await eventually("agreement on a leader", 30_000, () => group().agreedLeader());
      const address = group().nodeOf(leaderId).brokerAddress;
      await eventually("the NameServer to list the leader as brokerId 0", 60_000, async () =>
        (await group().members()).find((m) => m.brokerId === 0)?.address === address ? true : undefined,
      );
      return address;
    };
    const topicRow = async (name: string) =>
      (await listTopics(clusterId, topicListQuery.parse({ q: name }))).items.find((t) => t.name === name);
    const groupRow = async (name: string) =>
      (await listGroups(clusterId, groupListQuery.parse({ q: name }))).items.find((g) => g.name === name);

    beforeAll(async () => {
      const cluster = await db.cluster.create({
        data: {
          name: `Index lab ${suffix}`,
          brokerClusterName: lab().cluster,
          rocketmqVersion: version,
          attached: { create: { nameServers: [lab().namesrv.address] } },
        },
      });
      clusterId = cluster.id;
    });

    afterAll(async () => {
      if (clusterId) await db.cluster.delete({ where: { id: clusterId } });
    });

    it("indexes a topic's exact message count, queues and type, and a group's lag and connection, in one refresh", async () => {
      const address = await leader();
      await rocketmq.createOrUpdateTopic(address, { topic: TOPIC, readQueueNums: QUEUES, writeQueueNums: QUEUES });
      await rocketmq.createOrUpdateSubscriptionGroup(address, { groupName: GROUP });
      const startedAt = Date.now();
      const produced = await produceMessages({ namesrv: lab().namesrv.address, topic: TOPIC, count: MESSAGES, version });
      expect(produced).toMatchObject({ sent: MESSAGES, acked: MESSAGES });
      const consumer = await startGroupConsumer({
        namesrv: lab().namesrv.address,
        topic: TOPIC,
        group: GROUP,
        perQueue: READ_PER_QUEUE,
        version,
      });
      let summary: Awaited<ReturnType<typeof refreshClusterIndex>>;
      try {
        summary = await refreshClusterIndex(clusterId, rocketmq);
      } finally {
        await consumer.stop();
      }
      expect(summary).toMatchObject({ failedCalls: 0, stored: true });
      // One group: its two tables, each topic's stats, each consumer group's consume stats and connections.
      expect(summary.brokerCalls).toBe(2 + summary.topics + 2 * summary.groups);
      console.info(
        `[${version}] index refresh: ${summary.topics} topics, ${summary.groups} groups, ${summary.brokerCalls} broker calls in ${summary.durationMs} ms`,
      );

      const topic = await topicRow(TOPIC);
      expect(topic).toEqual({
        name: TOPIC,
        type: "normal",
        brokerNames: [lab().group],
        readQueueNums: QUEUES,
        writeQueueNums: QUEUES,
        perm: 6,
        order: false,
        messages: MESSAGES,
        lastUpdatedAt: expect.any(Number),
      });
      expect(topic?.lastUpdatedAt).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(topic?.lastUpdatedAt).toBeLessThanOrEqual(Date.now());
      const consumers = await db.consoleTopic.findUniqueOrThrow({ where: { clusterId_name: { clusterId, name: TOPIC } } });
      expect(consumers.consumerGroups).toContain(GROUP);

      expect(await groupRow(GROUP)).toEqual({
        name: GROUP,
        online: true,
        clients: 1,
        messageModel: "CLUSTERING",
        consumeTps: expect.any(Number),
        lag: MESSAGES - QUEUES * READ_PER_QUEUE,
        topics: expect.arrayContaining([TOPIC]),
        brokerNames: [lab().group],
      });
      expect((await readLag(clusterId, GROUP)).map((p) => p.lag)).toEqual([MESSAGES - QUEUES * READ_PER_QUEUE]);

      // The consumer's retry topic, and the topics RocketMQ keeps for itself (TBW102, the cluster's and the group's own).
      expect((await topicRow(`%RETRY%${GROUP}`))?.type).toBe("retry");
      const system = (await listTopics(clusterId, topicListQuery.parse({ type: "system", pageSize: "200" }))).items.map((t) => t.name);
      expect(system).toEqual(expect.arrayContaining(["TBW102", lab().cluster, lab().group, "SELF_TEST_TOPIC"]));
      expect(system).not.toContain(TOPIC);
      expect((await listTopics(clusterId, topicListQuery.parse({}))).index).toMatchObject({
        brokerCalls: summary.brokerCalls,
        error: null,
        refreshedAt: expect.any(Number),
      });
    }, 180_000);

    it("refreshes one row after a console write, and drops a deleted topic's and group's rows at once", async () => {
      const address = await leader();
      const targets = await resolveTargets(clusterId, rocketmq);
      await rocketmq.createOrUpdateTopic(address, { topic: TOPIC, readQueueNums: QUEUES, writeQueueNums: QUEUES, perm: 4 });
      await refreshTopicRow(targets, rocketmq, TOPIC);
      expect(await topicRow(TOPIC)).toMatchObject({ perm: 4, messages: MESSAGES });
      // The consumer has stopped: its connection is gone once the broker noticed the closed socket.
      await eventually("the group to go offline", 10_000, async () => {
        await refreshGroupRow(targets, rocketmq, GROUP);
        return (await groupRow(GROUP))?.online === false ? true : undefined;
      });
      expect(await groupRow(GROUP)).toMatchObject({ clients: 0, lag: MESSAGES - QUEUES * READ_PER_QUEUE });

      await rocketmq.deleteSubscriptionGroup(address, GROUP, { cleanOffset: true });
      await rocketmq.deleteTopicInBroker(address, TOPIC);
      await rocketmq.deleteTopicInNamesrv(lab().namesrv.address, TOPIC, { cluster: lab().cluster });
      await refreshTopicRow(targets, rocketmq, TOPIC);
      await refreshGroupRow(targets, rocketmq, GROUP);
      expect(await topicRow(TOPIC)).toBeUndefined();
      expect(await groupRow(GROUP)).toBeUndefined();
    }, 60_000);
  });
}
