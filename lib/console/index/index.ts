/**
 * lib/console/index: the cached per-cluster index behind the topic and consumer-group lists. Workers read the
 * brokers; web processes read the rows, never a broker per row per page view.
 *
 *   worker:  startConsoleIndex({ pollers })        refreshes every cluster whose topology lease it holds, every 30 s
 *   web:     listTopics(id, query), listGroups(id, query), readLag(id, group)
 *   actions: refreshTopicRow(targets, rocketmq, topic), refreshGroupRow(targets, rocketmq, group),
 *            removeTopicRow(id, topic), removeGroupRow(id, group)   so a list shows a write at once
 *
 * classify.ts (pure) says which topics are retry, dead-letter, RocketMQ's own, or the application's.
 */
import "server-only";

export { listGroups, listTopics } from "./queries";
export { refreshClusterIndex, refreshGroupRow, refreshTopicRow } from "./refresh";
export { type ConsoleIndexRunner, DEFAULT_INDEX_INTERVAL_MS, startConsoleIndex } from "./runner";
export { readLag, removeGroupRow, removeTopicRow } from "./store";
