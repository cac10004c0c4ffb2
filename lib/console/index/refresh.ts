import "server-only";
import { AppError } from "../../errors";
import { type Message, message } from "../../i18n/message";
import type { RocketmqClient } from "../../rocketmq";
import type { Limiter } from "../../topology/limiter";
import { type ClusterTargets, resolveTargets } from "../targets";
import { type ClusterIndexReading, readClusterIndex, readGroup, readTopic } from "./read";
import { recordIndexFailure, storeClusterIndex, storeGroupRow, storeTopicRow } from "./store";

export interface RefreshSummary {
  topics: number;
  groups: number;
  brokerCalls: number;
  failedCalls: number;
  durationMs: number;
  /** False when `owner` no longer held the cluster's lease, so nothing was stored. */
  stored: boolean;
}

/** What an error says, as a Message: an AppError's own, anything else in its English words. */
function saidOf(error: unknown): Message {
  if (error instanceof AppError && typeof error.said !== "function") return error.said;
  return message("errors.verbatim", { text: error instanceof Error ? error.message : String(error) });
}

/** Calls that failed while the refresh went on: how many, and the first one's words. */
function problemOf(reading: ClusterIndexReading) {
  const [first] = reading.failures;
  if (first === undefined) return null;
  const said = message("errors.console.index.callsFailed", {
    failed: reading.failures.length,
    calls: reading.brokerCalls,
    error: saidOf(first),
  });
  return { english: new AppError(said).message, message: said };
}

/**
 * Reads one cluster's topics and groups from its brokers and stores the difference. With `owner` (the worker's
 * topology id) the store is fenced by the cluster's lease. A refresh that cannot read the cluster at all keeps the
 * stored index, records why, and throws.
 */
export async function refreshClusterIndex(
  clusterId: string,
  rocketmq: RocketmqClient,
  options: { owner?: string; shared?: Limiter; concurrency?: number } = {},
): Promise<RefreshSummary> {
  const readAt = Date.now();
  const started = performance.now();
  try {
    const targets = await resolveTargets(clusterId, rocketmq);
    const reading = await readClusterIndex(targets, rocketmq, options);
    const durationMs = performance.now() - started;
    const stored = await storeClusterIndex(clusterId, reading, { readAt, durationMs, problem: problemOf(reading) }, options.owner);
    return {
      topics: reading.topics.length,
      groups: reading.groups.length,
      brokerCalls: reading.brokerCalls,
      failedCalls: reading.failures.length,
      durationMs: Math.round(durationMs),
      stored,
    };
  } catch (error) {
    const said = saidOf(error);
    await recordIndexFailure(clusterId, new AppError(said).message, said).catch(() => undefined);
    throw error;
  }
}

/**
 * After a console write: the topic's row as the brokers have it now (gone when no group has it), so the list shows
 * the change at once instead of after the next refresh. `targets` are the ones the write went to.
 */
export async function refreshTopicRow(targets: ClusterTargets, rocketmq: RocketmqClient, topic: string): Promise<void> {
  const readAt = Date.now();
  await storeTopicRow(targets.clusterId, topic, await readTopic(targets, rocketmq, topic), readAt);
}

/** After a console write: the consumer group's row as the brokers have it now (gone when no group has it). */
export async function refreshGroupRow(targets: ClusterTargets, rocketmq: RocketmqClient, group: string): Promise<void> {
  const readAt = Date.now();
  await storeGroupRow(targets.clusterId, group, await readGroup(targets, rocketmq, group), readAt);
}
