import { message } from "../../../i18n/message";
import type { LintRule, RuleHit } from "../types";
import { fixHint } from "../types";
import { hostLabel, nodeLabel } from "../../model/node-view";
import { nodesByHost } from "./facts";

const MB = 1024 * 1024;

// Consumers read recent messages from the page cache, so heaps should leave at least half the RAM to it.
export const hostMemoryOversubscribed: LintRule = {
  id: "host-memory-oversubscribed",
  severity: "warning",
  summary: "The broker heaps on a host add up to more than half of its memory, starving the page cache RocketMQ reads from.",
  ...fixHint("lint.hostMemoryOversubscribed.hint"),
  check: (input) =>
    [...nodesByHost(input.nodes).values()].flatMap((nodes): RuleHit[] => {
      const host = nodes[0].host!;
      const totalHeap = nodes.reduce((sum, n) => sum + (n.heapMb ?? 0), 0);
      if (host.memoryBytes === undefined || totalHeap * MB <= host.memoryBytes / 2) return [];
      const memoryMb = Math.round(host.memoryBytes / MB);
      const text = message("lint.hostMemoryOversubscribed.message", {
        nodes: nodes.map(nodeLabel).join(", "),
        host: hostLabel(host),
        heapMb: totalHeap,
        memoryMb,
      });
      return [{ text, location: { host: host.address, key: "heapMb" } }];
    }),
};

export const memoryRules = [hostMemoryOversubscribed];
