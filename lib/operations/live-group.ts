import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { ClusterSpec } from "../design";
import { StepFailure } from "../jobs/model";
import { type Message, message, type MessageValue } from "../i18n/message";
import type { NodeLayout } from "../nodes/layout";
import type { RocketmqClient } from "../rocketmq";
import type { ClusterView } from "./plan";
import type { MemberView } from "./safety";

// What a group and the NameServers say right now, asked directly: the job never acts on the dashboard's snapshot.

const CALL_TIMEOUT_MS = 1_500;
const POLL_MS = 300;

export interface LiveMember extends MemberView {
  layout: NodeLayout;
}

/** Every member of the node's group: its DLedger view and how much commit log it holds. */
export async function probeGroup(rocketmq: RocketmqClient, layouts: readonly NodeLayout[], brokerName: string): Promise<LiveMember[]> {
  const members = layouts.filter((l) => l.broker?.brokerName === brokerName);
  return Promise.all(
    members.map(async (layout): Promise<LiveMember> => {
      const { dLegerGroup, selfId, dledgerAddress } = layout.broker!;
      const ask = () => rocketmq.getDledgerMetadata(dledgerAddress, { group: dLegerGroup, selfId }, { timeoutMs: CALL_TIMEOUT_MS });
      // One missed deadline is a busy JVM, not a dead one: a node counts as down after two failed asks.
      const [metadata, runtime] = await Promise.allSettled([
        ask().catch(ask),
        rocketmq.getBrokerRuntimeInfo(layout.address, { timeoutMs: CALL_TIMEOUT_MS }),
      ]);
      return {
        layout,
        selfId,
        up: metadata.status === "fulfilled",
        leaderId: metadata.status === "fulfilled" ? metadata.value.leaderId : null,
        maxOffset: runtime.status === "fulfilled" ? runtime.value.commitLogMaxOffset : null,
      };
    }),
  );
}

/** The cluster as its nodes answer now: what a plan uses when the dashboard has no fresh snapshot. */
export async function liveClusterView(rocketmq: RocketmqClient, spec: ClusterSpec, layouts: readonly NodeLayout[]): Promise<ClusterView> {
  const groups = new Map(
    await Promise.all(spec.groups.map(async (g) => [g.brokerName, await probeGroup(rocketmq, layouts, g.brokerName)] as const)),
  );
  const nameServers = new Map(
    await Promise.all(
      layouts
        .filter((l) => l.kind === "namesrv")
        .map(
          async (l) =>
            [
              l.address,
              await rocketmq.getClusterInfo(l.address, { timeoutMs: CALL_TIMEOUT_MS }).then(
                () => true,
                () => false,
              ),
            ] as const,
        ),
    ),
  );
  return { members: (brokerName) => groups.get(brokerName), nameServerUp: (address) => nameServers.get(address) };
}

/** NameServer address → brokerId → broker address of one group; an error when that NameServer does not answer. */
export async function registrations(
  rocketmq: RocketmqClient,
  spec: ClusterSpec,
  brokerName: string,
): Promise<Map<string, Map<number, string> | Error>> {
  const entries = await Promise.all(
    spec.nameServers.map(async (ns): Promise<[string, Map<number, string> | Error]> => {
      const address = `${ns.address}:${ns.port}`;
      try {
        const info = await rocketmq.getClusterInfo(address, { timeoutMs: CALL_TIMEOUT_MS });
        const group = info.clusters
          .find((c) => c.name === spec.cluster.brokerClusterName)
          ?.brokerGroups.find((g) => g.brokerName === brokerName);
        return [address, new Map((group?.members ?? []).map((m) => [m.brokerId, m.address]))];
      } catch (error) {
        return [address, error instanceof Error ? error : new Error(String(error))];
      }
    }),
  );
  return new Map(entries);
}

/**
 * Asks `check` every few hundred ms until it returns a value (not undefined) or the deadline passes; `report` is
 * called every 5 s with the last reason to keep waiting, so a slow start is never silent.
 */
export type Check<T> = { done: T } | { waiting: MessageValue };

export async function waitUntil<T>(
  what: Message,
  timeoutMs: number,
  signal: AbortSignal,
  check: () => Promise<Check<T>>,
  report: (line: Message) => void,
): Promise<T> {
  const started = Date.now();
  let nextReport = started + 5_000;
  let last: MessageValue = message("jobLog.operation.noAnswerYet");
  while (!signal.aborted) {
    const result = await check();
    if ("done" in result) return result.done;
    last = result.waiting;
    if (Date.now() >= started + timeoutMs) break;
    if (Date.now() >= nextReport) {
      report(message("jobLog.operation.waiting", { what, reason: last }));
      nextReport += 5_000;
    }
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
  }
  if (signal.aborted) throw new StepFailure(message("jobLog.cancelled"));
  throw new TimeoutError(message("jobLog.operation.timedOut", { what, seconds: Math.round(timeoutMs / 1000), reason: last }));
}

export class TimeoutError extends StepFailure {}
