// Sizing rules of thumb for brokers that share a host.

/** More send threads than this only add lock contention on the commit log. */
export const MAX_SEND_THREADS = 16;
/** runbroker.sh's own default; larger heaps lengthen GC pauses and take memory from the page cache. */
export const MAX_HEAP_MB = 8192;
export const MIN_HEAP_MB = 256;
const HEAP_STEP_MB = 128;
const MB = 1024 * 1024;

/** The host's CPUs split evenly between its brokers, between 1 and 16; `fallback` when the CPU count is unknown. */
export function suggestSendThreads(cpuCount: number | undefined, brokersOnHost: number, fallback: number): number {
  if (cpuCount === undefined) return fallback;
  return Math.min(MAX_SEND_THREADS, Math.max(1, Math.floor(cpuCount / Math.max(1, brokersOnHost))));
}

/**
 * A quarter of the host's RAM split evenly between its brokers, rounded down to 128 MB, between 256 MB
 * and 8 GB: RocketMQ serves reads from the page cache, which needs the rest. `fallback` when memory is unknown.
 */
export function suggestHeapMb(memoryBytes: number | undefined, brokersOnHost: number, fallback: number): number {
  if (memoryBytes === undefined) return fallback;
  const share = memoryBytes / MB / 4 / Math.max(1, brokersOnHost);
  const rounded = Math.floor(share / HEAP_STEP_MB) * HEAP_STEP_MB;
  return Math.min(MAX_HEAP_MB, Math.max(MIN_HEAP_MB, rounded));
}
