import "server-only";
import type { RocketmqClient } from "../rocketmq";
import { refreshGroupRow, refreshTopicRow, removeGroupRow, removeTopicRow } from "./index";
import type { ClusterTargets } from "./targets";

/**
 * After a console write, the cached lists show it at once instead of at the index's next refresh. The write already
 * happened: a failure here only leaves the list a refresh behind (30 s), so it is logged, not thrown.
 */

const logged = (what: string) => (error: unknown) => console.error(`[console] updating the index after ${what} failed:`, error);

export const reindexTopic = (targets: ClusterTargets, rocketmq: RocketmqClient, topic: string) =>
  refreshTopicRow(targets, rocketmq, topic).catch(logged(`a write to topic ${topic}`));

export const reindexGroup = (targets: ClusterTargets, rocketmq: RocketmqClient, group: string) =>
  refreshGroupRow(targets, rocketmq, group).catch(logged(`a write to consumer group ${group}`));

export const unindexTopic = (clusterId: string, topic: string) => removeTopicRow(clusterId, topic).catch(logged(`deleting topic ${topic}`));

export const unindexGroup = (clusterId: string, group: string) =>
  removeGroupRow(clusterId, group).catch(logged(`deleting consumer group ${group}`));
