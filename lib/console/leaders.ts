import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError, say } from "../errors";
import { message } from "../i18n/message";
import { isNotLeaderError, type RocketmqClient, RocketmqConnectionError, RocketmqRemoteError, RocketmqTimeoutError } from "../rocketmq";
import { type ClusterTargets, type GroupTarget, resolveTargets } from "./targets";

/**
 * Where a console call goes, and what happens when the leader moved: reads go to the leader resolveTargets names;
 * writes go there too, and a refusal (NOT_LEADER) or a dead leader resolves again and retries, for about as long
 * as a DLedger election takes (~10 s) twice over.
 */

/** A write waits this long for a group to have a leader that takes it. */
export const LEADER_WRITE_DEADLINE_MS = 20_000;
const RETRY_PAUSE_MS = 500;

/** The group's target, or a 400 naming the groups the cluster has. */
export function groupTarget(targets: ClusterTargets, brokerName: string): GroupTarget {
  const group = targets.groups.find((g) => g.brokerName === brokerName);
  if (!group) {
    const known = targets.groups.map((g) => g.brokerName).join(", ") || "-";
    throw new AppError(message("errors.console.leaders.unknownGroup", { brokerName, known }), 400, "unknown_broker_group");
  }
  return group;
}

/** The broker groups a write names (default: all of them), each known to the cluster. */
export function chosenGroups(targets: ClusterTargets, brokerNames: string[] | undefined): string[] {
  if (targets.groups.length === 0) throw new AppError(message("errors.console.leaders.noGroups"), 409, "no_broker_groups");
  if (!brokerNames) return targets.groups.map((g) => g.brokerName);
  return [...new Set(brokerNames)].map((name) => groupTarget(targets, name).brokerName);
}

/** The leader to read from now; a 503 while the group has none (an election is running). */
export function leaderAddress(targets: ClusterTargets, brokerName: string): string {
  const address = groupTarget(targets, brokerName).leaderAddress;
  if (!address) throw new AppError(message("errors.console.leaders.noLeader", { brokerName }), 503, "no_leader");
  return address;
}

/**
 * A read on a group's leader whose failure to answer names the group as well as the address (502). Remote errors
 * (the broker answered, with a code) pass through for the caller to tell apart.
 */
export async function readFromGroup<T>(brokerName: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof RocketmqConnectionError || error instanceof RocketmqTimeoutError) {
      throw new AppError(message("errors.console.leaders.unreachable", { brokerName, problem: say(error.said) }), 502, error.code);
    }
    throw error;
  }
}

/** A refusal or a silence that another leader may not give: the group is electing, or the leader just moved. */
function worthRetrying(error: unknown): boolean {
  return isNotLeaderError(error) || error instanceof RocketmqConnectionError || error instanceof RocketmqTimeoutError;
}

export interface LeaderWrite<T> {
  brokerName: string;
  leaderAddress: string;
  value: T;
}

/**
 * Runs `write` on the group's current leader; on NOT_LEADER, a refused connection or a timeout, resolves the
 * cluster's leaders again and retries until LEADER_WRITE_DEADLINE_MS. Any other refusal is final at once.
 */
export async function writeOnLeader<T>(
  rocketmq: RocketmqClient,
  first: ClusterTargets,
  brokerName: string,
  write: (leader: string) => Promise<T>,
): Promise<LeaderWrite<T>> {
  const deadline = Date.now() + LEADER_WRITE_DEADLINE_MS;
  let targets = first;
  let lastError: unknown = null;
  for (;;) {
    const leader = groupTarget(targets, brokerName).leaderAddress;
    if (leader) {
      try {
        return { brokerName, leaderAddress: leader, value: await write(leader) };
      } catch (error) {
        if (!worthRetrying(error)) throw error;
        lastError = error;
      }
    }
    if (Date.now() + RETRY_PAUSE_MS > deadline) break;
    await sleep(RETRY_PAUSE_MS);
    targets = await resolveTargets(first.clusterId, rocketmq);
  }
  const seconds = LEADER_WRITE_DEADLINE_MS / 1000;
  const said =
    lastError instanceof AppError
      ? message("errors.console.leaders.writeFailed", { brokerName, seconds, problem: say(lastError.said) })
      : message("errors.console.leaders.noLeaderFor", { brokerName, seconds });
  throw new AppError(said, 503, "no_leader");
}

/**
 * Writes to each named group's leader at once. Every write is waited for, so the caller knows all that changed
 * (for its audit entry) even when one failed: `failed` holds those errors.
 */
export async function writeOnLeaders<T>(
  rocketmq: RocketmqClient,
  targets: ClusterTargets,
  brokerNames: string[],
  write: (leader: string, brokerName: string) => Promise<T>,
): Promise<{ written: LeaderWrite<T>[]; failed: { brokerName: string; error: unknown }[] }> {
  const settled = await Promise.allSettled(
    brokerNames.map((brokerName) => writeOnLeader(rocketmq, targets, brokerName, (leader) => write(leader, brokerName))),
  );
  const written: LeaderWrite<T>[] = [];
  const failed: { brokerName: string; error: unknown }[] = [];
  for (const [i, outcome] of settled.entries()) {
    if (outcome.status === "fulfilled") written.push(outcome.value);
    else failed.push({ brokerName: brokerNames[i], error: outcome.reason });
  }
  return { written, failed };
}

/** True for the broker's "no such topic" (17), on a NameServer's route or a broker's stats. */
export const isTopicNotExist = (error: unknown) => error instanceof RocketmqRemoteError && error.remoteCode === 17;

/** The first NameServer to answer `read`; when none does, the first refusal or failure (it names its NameServer). */
export async function fromNameServers<T>(targets: ClusterTargets, read: (namesrv: string) => Promise<T>): Promise<T> {
  if (targets.nameServers.length === 0) throw new AppError(message("errors.console.leaders.noNameServers"), 409, "no_name_servers");
  try {
    return await Promise.any(targets.nameServers.map((namesrv) => read(namesrv)));
  } catch (error) {
    const errors = error instanceof AggregateError ? error.errors : [error];
    // "The topic does not exist" from one NameServer outweighs another's silence.
    throw errors.find(isTopicNotExist) ?? errors[0];
  }
}
