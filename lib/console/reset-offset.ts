import "server-only";
import type { Actor } from "../audit";
import { db } from "../db";
import { AppError, conflict } from "../errors";
import { message } from "../i18n/message";
import type { RocketmqClient } from "../rocketmq";
import { auditConsole } from "./audit";
import { leaderAddress, readFromGroup, writeOnLeaders } from "./leaders";
import { reindexGroup } from "./reindex";
import type { ResetOffsetInput, ResetOffsetPlan, ResetOffsetQueue, ResetOffsetResult } from "./schema";
import { type ClusterTargets, resolveTargets } from "./targets";
import { readRoute } from "./topics";

/**
 * Moving a consumer group's offsets on one topic to a time, or to either end. The preview reads, per queue, the
 * group's committed offset and where the time falls (SEARCH_OFFSET_BY_TIMESTAMP, the broker's own lookup: the first
 * message stored at or after it). The reset asks each leader (INVOKE_BROKER_TO_RESET_OFFSET): 4.9.x pushes it to the
 * group's connected clients (push consumers re-read from there and commit it; pull consumers ignore it), and with
 * nobody connected refuses and changes nothing, so the panel then commits the planned offsets itself, queue by
 * queue; 5.x commits them itself, online or not, and its clients pick them up at their next pull. Either way, with
 * nobody online the next client of the group starts there.
 */

/** What the broker's reset takes for "the end of each queue"; 0 finds each queue's first message. */
const LATEST = -1;
const EARLIEST = 0;

const timestampOf = (to: ResetOffsetInput["to"]) => (to.kind === "timestamp" ? to.at : to.kind === "earliest" ? EARLIEST : LATEST);

interface Planned {
  plan: ResetOffsetPlan;
  targets: ClusterTargets;
  /** Connected clients that pull (CONSUME_ACTIVELY): a 4.9.x broker's pushed reset does not reach their offsets. */
  pullClients: number;
}

async function plan(rocketmq: RocketmqClient, clusterId: string, group: string, input: ResetOffsetInput): Promise<Planned> {
  const targets = await resolveTargets(clusterId, rocketmq);
  const route = await readRoute(rocketmq, targets, input.topic);
  const brokerNames = route.queues.map((q) => q.brokerName).filter((name) => targets.groups.some((g) => g.brokerName === name));
  const perGroup = await Promise.all(
    brokerNames.map((brokerName) => {
      const leader = leaderAddress(targets, brokerName);
      return readFromGroup(brokerName, async () => {
        const [stats, connection] = await Promise.all([
          rocketmq.getConsumeStats(leader, group, { topic: input.topic }),
          rocketmq.getConsumerConnections(leader, group),
        ]);
        const queues = await Promise.all(
          stats.queues
            .filter((q) => q.topic === input.topic)
            .map(async (q): Promise<ResetOffsetQueue> => {
              const newOffset = await newOffsetOf(rocketmq, leader, input, q.queueId, q.brokerOffset);
              return {
                brokerName,
                queueId: q.queueId,
                brokerOffset: q.brokerOffset,
                currentOffset: q.consumerOffset,
                newOffset,
                lagBefore: q.lag,
                lagAfter: Math.max(0, q.brokerOffset - newOffset),
              };
            }),
        );
        const clients = connection?.connections.map((c) => c.clientId) ?? [];
        return { queues, clients, pulling: connection?.consumeType === "CONSUME_ACTIVELY" ? clients : [] };
      });
    }),
  );
  const queues = perGroup.flatMap((g) => g.queues);
  if (queues.length === 0) {
    throw new AppError(message("errors.console.groups.notConsuming", { group, topic: input.topic }), 404, "not_consuming");
  }
  const clients = new Set(perGroup.flatMap((g) => g.clients)).size;
  return {
    targets,
    pullClients: new Set(perGroup.flatMap((g) => g.pulling)).size,
    plan: {
      topic: input.topic,
      online: clients > 0,
      clients,
      queues,
      lagBefore: queues.reduce((sum, q) => sum + q.lagBefore, 0),
      lagAfter: queues.reduce((sum, q) => sum + q.lagAfter, 0),
    },
  };
}

/** Where the reset puts one queue: the broker's own search for a time, else an end of the queue. */
async function newOffsetOf(
  rocketmq: RocketmqClient,
  leader: string,
  input: ResetOffsetInput,
  queueId: number,
  brokerOffset: number,
): Promise<number> {
  if (input.to.kind === "latest") return brokerOffset;
  if (input.to.kind === "earliest") return rocketmq.getMinOffset(leader, { topic: input.topic, queueId });
  return rocketmq.searchOffset(leader, { topic: input.topic, queueId, timestamp: input.to.at });
}

export async function previewResetOffset(
  rocketmq: RocketmqClient,
  clusterId: string,
  group: string,
  input: ResetOffsetInput,
): Promise<ResetOffsetPlan> {
  return (await plan(rocketmq, clusterId, group, input)).plan;
}

export async function resetOffset(
  rocketmq: RocketmqClient,
  actor: Actor,
  clusterId: string,
  group: string,
  input: ResetOffsetInput,
): Promise<ResetOffsetResult> {
  const { plan: planned, targets, pullClients } = await plan(rocketmq, clusterId, group, input);
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { rocketmqVersion: true } });
  // 4.9.x pushes a reset to connected clients and commits nothing itself: a pull consumer ignores the push and goes
  // on committing its own offsets, so the reset would silently not happen. 5.x commits it on the broker.
  if (pullClients > 0 && cluster?.rocketmqVersion.startsWith("4.")) {
    throw conflict(message("errors.console.groups.pullClientsOnline", { group, clients: pullClients }));
  }
  const brokerNames = [...new Set(planned.queues.map((q) => q.brokerName))];
  const { written, failed } = await writeOnLeaders(rocketmq, targets, brokerNames, async (leader, brokerName) => {
    const reset = await rocketmq.resetOffset(leader, { group, topic: input.topic, timestamp: timestampOf(input.to), force: true });
    if (reset.status === "reset") return;
    // 4.9.x with nobody connected: the broker changed nothing, so commit the planned offsets as a consumer would.
    for (const queue of planned.queues.filter((q) => q.brokerName === brokerName)) {
      await rocketmq.updateConsumerOffset(leader, {
        consumerGroup: group,
        topic: input.topic,
        queueId: queue.queueId,
        offset: queue.newOffset,
      });
    }
  });
  const applied = planned.online ? "pushed" : "written";
  if (written.length > 0) {
    const touched = (q: ResetOffsetQueue) => written.some((w) => w.brokerName === q.brokerName);
    await auditConsole(actor, clusterId, {
      action: "group.reset_offset",
      targetType: "consumerGroup",
      targetName: group,
      before: {
        topic: input.topic,
        offsets: planned.queues
          .filter(touched)
          .map(({ brokerName, queueId, currentOffset }) => ({ brokerName, queueId, offset: currentOffset })),
      },
      after: {
        topic: input.topic,
        to: input.to,
        applied,
        clients: planned.clients,
        offsets: planned.queues.filter(touched).map(({ brokerName, queueId, newOffset }) => ({ brokerName, queueId, offset: newOffset })),
        ...(failed.length > 0 && { failed: failed.map((f) => f.brokerName) }),
      },
    });
  }
  if (failed.length > 0) throw failed[0].error;
  await reindexGroup(targets, rocketmq, group);
  return { ...planned, applied };
}
