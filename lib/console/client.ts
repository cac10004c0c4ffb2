import "server-only";
import { createRocketmqClient, type RocketmqClient } from "../rocketmq";

/**
 * One RocketMQ client per web process for the console's calls: a user's request reuses the pooled connections the
 * last one opened instead of a TCP handshake per broker per click. Never closed while the process serves.
 */
let shared: RocketmqClient | null = null;

/** Long enough for a broker in a GC pause, short enough that a hung one fails the request clearly. */
const CONSOLE_CALL_TIMEOUT_MS = 5_000;

export function consoleRocketmq(): RocketmqClient {
  shared ??= createRocketmqClient({ timeoutMs: CONSOLE_CALL_TIMEOUT_MS });
  return shared;
}
