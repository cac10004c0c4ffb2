import "server-only";
import { createRocketmqClient } from "../../rocketmq";
import { Limiter } from "../../topology/limiter";
import type { TopologyPollers } from "../../topology/run-pollers";
import { refreshClusterIndex } from "./refresh";
import { pruneLagSamples } from "./store";

export const DEFAULT_INDEX_INTERVAL_MS = 30_000;
const TICK_MS = 1_000;
const PRUNE_MS = 10 * 60_000;
/** Broker calls in flight at once for every cluster this worker indexes, on top of each cluster's own bound. */
const MAX_CALLS_IN_FLIGHT = 32;

export interface ConsoleIndexRunner {
  stop: () => Promise<void>;
}

/**
 * The worker's index: every cluster whose topology lease this worker holds is refreshed every `intervalMs` (from the
 * start of one refresh to the next; a slow refresh is never overlapped by the next), the first time as soon as the
 * worker holds it. Lag samples older than their retention are pruned every ten minutes.
 */
export function startConsoleIndex(options: {
  pollers: Pick<TopologyPollers, "id" | "clusterIds">;
  intervalMs?: number;
  log?: (line: string) => void;
}): ConsoleIndexRunner {
  const { pollers, intervalMs = DEFAULT_INDEX_INTERVAL_MS } = options;
  const log = options.log ?? ((line: string) => console.log(`[console-index] ${line}`));
  const rocketmq = createRocketmqClient({ timeoutMs: 5_000 });
  const shared = new Limiter(MAX_CALLS_IN_FLIGHT);
  const lastStarted = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const refresh = (clusterId: string) => {
    lastStarted.set(clusterId, Date.now());
    const work = refreshClusterIndex(clusterId, rocketmq, { owner: pollers.id, shared })
      .then((summary) => {
        if (!summary.stored) log(`cluster ${clusterId}: lease lost before the index was stored`);
        else if (summary.failedCalls > 0)
          log(`cluster ${clusterId}: ${summary.failedCalls} of ${summary.brokerCalls} broker calls failed; their rows keep older figures`);
      })
      .catch((error) => log(`refreshing the index of cluster ${clusterId} failed: ${error instanceof Error ? error.message : error}`))
      .finally(() => running.delete(clusterId));
    running.set(clusterId, work);
  };

  const tick = () => {
    if (stopped) return;
    const held = new Set(pollers.clusterIds());
    for (const id of lastStarted.keys()) if (!held.has(id)) lastStarted.delete(id);
    for (const id of held) {
      const last = lastStarted.get(id);
      if (!running.has(id) && (last === undefined || Date.now() - last >= intervalMs)) refresh(id);
    }
  };
  const prune = () =>
    void pruneLagSamples().catch((error) => log(`pruning lag samples failed: ${error instanceof Error ? error.message : error}`));

  const timers = [setInterval(tick, Math.min(TICK_MS, intervalMs)), setInterval(prune, PRUNE_MS)];
  tick();
  log(`indexing every ${intervalMs} ms`);
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running.values());
      await rocketmq.close();
    },
  };
}
