/**
 * The console against the real-JVM lab (a suite of dledger-group-suite.ts, on its lab): the lab's cluster attached
 * in the database, then what an operator does, through the route handlers themselves: topics, a real Java producer
 * and consumer groups, lag, messages, offset resets, the dead-letter queue, a write right after the leader moved,
 * and bad input that changes nothing.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as groupRoute from "@/app/api/clusters/[id]/groups/[group]/route";
import * as groupsRoute from "@/app/api/clusters/[id]/groups/route";
import * as topicRoute from "@/app/api/clusters/[id]/topics/[topic]/route";
import * as topicsRoute from "@/app/api/clusters/[id]/topics/route";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { eventually } from "@/lib/rocketmq/testing/lab-group";
import { type BodyKind, type ProduceResult, produceMessages, startGroupConsumer } from "@/lib/testing/java-client";
import type { GroupSuiteContext } from "@/lib/rocketmq/testing/dledger-group-suite";
import { attachCluster } from "@/lib/topology";
import { attachClusterSchema } from "@/lib/topology/schema";
import type { GroupDetail, TopicDetail, TopicWriteResult } from "../schema";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), currentUser: async () => session.user }));

const ORIGIN = "http://panel.test";
const MESSAGES = 12;
const READ_PER_QUEUE = 2;
const BODIES: BodyKind[] = ["text", "json", "binary", "large"];
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** One request through a route handler, as the browser of the signed-in user sends it. */
async function send<T = unknown>(
  handler: Handler,
  path: string,
  params: Record<string, string>,
  { method = "GET", body }: { method?: string; body?: unknown } = {},
): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { host: "panel.test", origin: ORIGIN };
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new NextRequest(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, data: (await response.json()) as T };
}

export function describeConsole({ version, rocketmq, lab, group }: GroupSuiteContext) {
  describe(`the console on RocketMQ ${version}`, () => {
    const suffix = `${version.replaceAll(".", "")}_${process.pid}`;
    const TOPIC = `ConsoleOrders_${suffix}`;
    const MOVED_TOPIC = `ConsoleAfterMove_${suffix}`;
    const GROUP = `ConsoleReader_${suffix}`;
    let produced: ProduceResult;
    const users: Record<"viewer" | "operator" | "admin", SessionUser> = {} as never;
    let clusterId = "";
    const as = (role: keyof typeof users) => {
      session.user = users[role];
    };
    const namesrv = () => lab().namesrv.address;
    const agreedLeader = async () => {
      const { leaderId } = await eventually("agreement on a leader", 30_000, () => group().agreedLeader());
      return { leaderId, address: group().nodeOf(leaderId).brokerAddress };
    };
    const topicPath = (topic: string) => ({ path: `/api/clusters/${clusterId}/topics/${topic}`, params: { id: clusterId, topic } });
    const groupPath = (name: string) => ({ path: `/api/clusters/${clusterId}/groups/${name}`, params: { id: clusterId, group: name } });

    beforeAll(async () => {
      for (const role of ["viewer", "operator", "admin"] as const) {
        const user = await db.user.create({ data: { username: `console-${role}-${suffix}`, passwordHash: "x", role } });
        users[role] = { id: user.id, username: user.username, role };
      }
      const attached = await attachCluster(users.admin, attachClusterSchema.parse({ name: `console-${suffix}`, nameServers: [namesrv()] }));
      clusterId = attached.id;
    }, 60_000);

    afterAll(() => {
      session.user = null;
    });

    it("creates a topic through the panel on the leader, and shows its route with the leader's selfId", async () => {
      as("operator");
      const { leaderId, address } = await agreedLeader();
      const created = await send<TopicWriteResult>(
        topicsRoute.POST,
        `/api/clusters/${clusterId}/topics`,
        { id: clusterId },
        {
          method: "POST",
          body: { name: TOPIC, readQueueNums: 4, writeQueueNums: 4 },
        },
      );
      expect(created.status).toBe(200);
      expect(created.data.written).toEqual([{ brokerName: lab().group, leaderAddress: address }]);
      expect(created.data.topic).toMatchObject({
        name: TOPIC,
        type: "normal",
        brokerNames: [lab().group],
        readQueueNums: 4,
        writeQueueNums: 4,
        perm: 6,
        messages: 0,
        lastUpdatedAt: null,
        route: [{ brokerName: lab().group, readQueueNums: 4, writeQueueNums: 4, perm: 6, leaderAddress: address, leaderSelfId: leaderId }],
        consumerGroups: [],
      });
      expect(created.data.topic.queues.map((q) => [q.queueId, q.minOffset, q.maxOffset])).toEqual([
        [0, 0, 0],
        [1, 0, 0],
        [2, 0, 0],
        [3, 0, 0],
      ]);
      const route = await rocketmq.getTopicRoute(namesrv(), TOPIC);
      expect(route.queues).toEqual([{ brokerName: lab().group, readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }]);
      const audit = await db.auditEvent.findFirst({ where: { action: "topic.create", targetName: TOPIC } });
      expect(audit).toMatchObject({ actorName: users.operator.username, targetType: "topic", targetId: clusterId });
    }, 60_000);

    it("refuses bad input with a clear 4xx and changes nothing; viewers read, operators write, admins delete", async () => {
      as("operator");
      const list = `/api/clusters/${clusterId}/topics`;
      const post = (body: unknown) => send<{ error: string }>(topicsRoute.POST, list, { id: clusterId }, { method: "POST", body });
      const refusals = [
        await post({ name: "bad name!", readQueueNums: 4, writeQueueNums: 4 }),
        await post({ name: "x".repeat(128), readQueueNums: 4, writeQueueNums: 4 }),
        await post({ name: `${TOPIC}_zero`, readQueueNums: 0, writeQueueNums: 4 }),
        await post({ name: `${TOPIC}_many`, readQueueNums: 5000, writeQueueNums: 5000 }),
        await post({ name: `${TOPIC}_nogroup`, readQueueNums: 4, writeQueueNums: 4, brokerNames: ["NoSuchGroup"] }),
        await post({ name: TOPIC, readQueueNums: 4, writeQueueNums: 4 }),
      ];
      expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 409]);
      expect(refusals[0].data.error).toMatch(/^name: A topic name is 1 to 127 letters/);
      expect(refusals[2].data.error).toBe("readQueueNums: Queue numbers are whole numbers from 1 to 1024.");
      expect(refusals[4].data.error).toMatch(/no broker group NoSuchGroup/);
      expect(refusals[5].data.error).toBe(`Topic ${TOPIC} already exists; edit it instead.`);

      const { path, params } = topicPath(TOPIC);
      const update = { readQueueNums: 8, writeQueueNums: 8 };
      as("viewer");
      expect((await send(topicRoute.PUT, path, params, { method: "PUT", body: update })).status).toBe(403);
      as("operator");
      expect((await send(topicRoute.DELETE, path, params, { method: "DELETE" })).status).toBe(403);
      const missing = topicPath(`${TOPIC}_missing`);
      expect((await send(topicRoute.GET, missing.path, missing.params)).status).toBe(404);
      expect((await send(groupRoute.GET, groupPath(`${GROUP}_missing`).path, groupPath(`${GROUP}_missing`).params)).status).toBe(404);

      const topics = await rocketmq.getAllTopics(namesrv());
      for (const name of ["bad name!", `${TOPIC}_zero`, `${TOPIC}_many`, `${TOPIC}_nogroup`]) expect(topics).not.toContain(name);
      as("viewer");
      const shown = await send<TopicDetail>(topicRoute.GET, path, params);
      expect(shown).toMatchObject({ status: 200, data: { readQueueNums: 4, writeQueueNums: 4 } });
    }, 60_000);

    it("creates a consumer group on the leader, then updates one setting and keeps the ones the panel does not show", async () => {
      as("operator");
      const { address } = await agreedLeader();
      const created = await send<GroupDetail>(
        groupsRoute.POST,
        `/api/clusters/${clusterId}/groups`,
        { id: clusterId },
        {
          method: "POST",
          body: { name: GROUP, retryMaxTimes: 3 },
        },
      );
      expect(created).toMatchObject({
        status: 200,
        data: { name: GROUP, online: false, brokerNames: [lab().group], settings: { retryMaxTimes: 3, consumeEnable: true } },
      });
      // Set behind the panel's back (mqadmin would): the update must not reset it.
      await rocketmq.createOrUpdateSubscriptionGroup(address, { groupName: GROUP, retryMaxTimes: 3, consumeFromMinEnable: false });
      const { path, params } = groupPath(GROUP);
      const updated = await send<GroupDetail>(groupRoute.PUT, path, params, { method: "PUT", body: { retryMaxTimes: 5 } });
      expect(updated).toMatchObject({ status: 200, data: { settings: { retryMaxTimes: 5 } } });
      const config = (await rocketmq.getAllSubscriptionGroups(address)).groups.find((g) => g.groupName === GROUP);
      expect(config).toMatchObject({ retryMaxTimes: 5, consumeFromMinEnable: false });
      const audit = await db.auditEvent.findFirst({ where: { action: "group.update", targetName: GROUP } });
      expect(audit?.before).toMatchObject({ configs: [{ brokerName: lab().group, retryMaxTimes: 3 }] });
    }, 60_000);

    it("shows a real consumer group's exact lag per queue and its connection, and the topic's offsets and consumers", async () => {
      const startedAt = Date.now();
      produced = await produceMessages({
        namesrv: namesrv(),
        topic: TOPIC,
        count: MESSAGES,
        keyPrefix: "order-",
        tags: "paid",
        bodies: BODIES,
        version,
      });
      expect(produced.messages).toHaveLength(MESSAGES);
      const perQueue = new Map<number, number>();
      for (const m of produced.messages) perQueue.set(m.queueId, (perQueue.get(m.queueId) ?? 0) + 1);

      const consumer = await startGroupConsumer({ namesrv: namesrv(), topic: TOPIC, group: GROUP, perQueue: READ_PER_QUEUE, version });
      try {
        as("viewer");
        const { path, params } = groupPath(GROUP);
        const shown = await send<GroupDetail>(groupRoute.GET, path, params);
        expect(shown.status).toBe(200);
        const queues = shown.data.queues.filter((q) => q.topic === TOPIC);
        expect(queues.map(({ queueId, brokerOffset, consumerOffset, lag }) => ({ queueId, brokerOffset, consumerOffset, lag }))).toEqual(
          [0, 1, 2, 3].map((queueId) => ({
            queueId,
            brokerOffset: perQueue.get(queueId) ?? 0,
            consumerOffset: READ_PER_QUEUE,
            lag: (perQueue.get(queueId) ?? 0) - READ_PER_QUEUE,
          })),
        );
        for (const queue of queues) expect(queue.lastConsumedAt).toBeGreaterThanOrEqual(startedAt - 1000);
        expect(shown.data).toMatchObject({ online: true, clients: 1, lag: MESSAGES - 4 * READ_PER_QUEUE, messageModel: "CLUSTERING" });
        expect(shown.data.connections).toEqual([
          {
            clientId: consumer.summary.clientId,
            address: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
            language: "JAVA",
            version: `V${version.replaceAll(".", "_")}`,
            subscriptions: [{ topic: TOPIC, expression: "*" }],
          },
        ]);
        const topic = await send<TopicDetail>(topicRoute.GET, topicPath(TOPIC).path, topicPath(TOPIC).params);
        expect(topic.data).toMatchObject({ messages: MESSAGES, consumerGroups: [GROUP] });
        expect(topic.data.queues.map((q) => q.maxOffset)).toEqual([0, 1, 2, 3].map((id) => perQueue.get(id) ?? 0));
        expect(topic.data.lastUpdatedAt).toBeGreaterThanOrEqual(startedAt - 1000);
        as("admin");
        const refused = await send<{ error: string }>(groupRoute.DELETE, path, params, { method: "DELETE" });
        expect(refused).toMatchObject({ status: 409, data: { error: expect.stringMatching(/still has 1 client/) } });
      } finally {
        await consumer.stop();
      }
    }, 120_000);

    // Before the leader moves: followers copy the leader's subscription groups every 10 s (SlaveSynchronize), so a
    // group created moments before a leadership change is not on the new leader (and the old one then drops it too).
    it("deletes the consumer group as an admin once no client is connected, with its offsets", async () => {
      as("admin");
      const { path, params } = groupPath(GROUP);
      expect(await send(groupRoute.DELETE, path, params, { method: "DELETE" })).toEqual({ status: 200, data: { deleted: true } });
      const { address } = await agreedLeader();
      expect((await rocketmq.getAllSubscriptionGroups(address)).groups.map((g) => g.groupName)).not.toContain(GROUP);
      expect(await rocketmq.getTopicConsumers(address, TOPIC)).not.toContain(GROUP);
    }, 60_000);

    it("creates a topic on the new leader right after leadership moved", async () => {
      const before = await eventually("agreement on a leader", 30_000, () => group().agreedLeader());
      const transfereeId = group()
        .allIds()
        .find((id) => id !== before.leaderId) as string;
      await rocketmq.transferDledgerLeadership(group().nodeOf(before.leaderId).dledgerAddress, {
        group: lab().group,
        leaderId: before.leaderId,
        transfereeId,
        term: before.term,
      });
      await eventually("the transferee to lead", 30_000, async () => {
        const leader = await group().agreedLeader();
        return leader?.leaderId === transfereeId ? leader : undefined;
      });
      as("operator");
      const created = await send<TopicWriteResult>(
        topicsRoute.POST,
        `/api/clusters/${clusterId}/topics`,
        { id: clusterId },
        {
          method: "POST",
          body: { name: MOVED_TOPIC, readQueueNums: 2, writeQueueNums: 2 },
        },
      );
      expect(created.status).toBe(200);
      expect(created.data.written).toEqual([{ brokerName: lab().group, leaderAddress: group().nodeOf(transfereeId).brokerAddress }]);
      const onLeader = await rocketmq.getAllTopicConfigs(group().nodeOf(transfereeId).brokerAddress);
      expect(onLeader.topics.map((t) => t.topic)).toContain(MOVED_TOPIC);
      expect((await rocketmq.getTopicRoute(namesrv(), MOVED_TOPIC)).queues).toMatchObject([{ brokerName: lab().group, writeQueueNums: 2 }]);
    }, 90_000);

    it("deletes topics as an admin, on the leader and the NameServers", async () => {
      as("admin");
      for (const topic of [MOVED_TOPIC, TOPIC]) {
        const { path, params } = topicPath(topic);
        expect(await send(topicRoute.DELETE, path, params, { method: "DELETE" })).toEqual({ status: 200, data: { deleted: true } });
        await expect(rocketmq.getTopicRoute(namesrv(), topic)).rejects.toMatchObject({ remoteCode: 17 });
      }
    }, 60_000);
  });
}
