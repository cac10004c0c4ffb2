import "server-only";
import type { Host } from "../../db/generated/client";
import { errorText } from "../../jobs/model";
import { bash } from "../../ssh";
import { Limiter } from "../../topology/limiter";
import { HostConnections } from "../connections";
import type { HostOutcome } from "./compare";
import { type ManagedPaths, parseDriftReading, READ_DRIFT, readDriftArgs } from "./remote-script";

// Every host of a check is read at once, a few at a time, each within its own deadline: one dead host costs the
// check its deadline, not the sum of them.

/** A host that has not answered in this time (connection and script together) is unreachable. */
const HOST_DEADLINE_MS = 10_000;
const HOSTS_AT_ONCE = 8;

export interface HostToRead {
  hostId: string;
  managed: ManagedPaths[];
  /** Pidfiles of other clusters' processes on the host. */
  otherPidfiles: string[];
}

class DeadlinePassed extends Error {}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlinePassed()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function readHost(connections: HostConnections, host: HostToRead, deadlineMs: number): Promise<HostOutcome> {
  const started = Date.now();
  const read = async () => {
    const session = await connections.session(host.hostId);
    const timeoutMs = Math.max(1, deadlineMs - (Date.now() - started));
    const result = await session.run("reading what the host runs", bash(READ_DRIFT, readDriftArgs(host.managed, host.otherPidfiles)), {
      timeoutMs,
    });
    return parseDriftReading(result.stdout, host.managed.length);
  };
  try {
    return { answered: true, reading: await within(deadlineMs, read()) };
  } catch (error) {
    if (error instanceof DeadlinePassed) return { answered: false, timedOutAfterSeconds: Math.ceil(deadlineMs / 1000) };
    return { answered: false, error: errorText(error) };
  }
}

/** Each host's outcome by host id; a host without a row, a credential or a pinned key is one that could not be read. */
export async function readHosts(
  rows: Host[],
  hosts: readonly HostToRead[],
  deadlineMs = HOST_DEADLINE_MS,
): Promise<Map<string, HostOutcome>> {
  const connections = new HostConnections(new Map(rows.map((row) => [row.id, row])));
  const limiter = new Limiter(HOSTS_AT_ONCE);
  try {
    const outcomes = await Promise.all(hosts.map((host) => limiter.run(() => readHost(connections, host, deadlineMs))));
    return new Map(hosts.map((host, i) => [host.hostId, outcomes[i]]));
  } finally {
    // In the background: a connection still being attempted to a host past its deadline must not hold the check.
    void connections.closeAll();
  }
}
