import "server-only";
import { RocketmqConnectionError, RocketmqProtocolError, RocketmqRemoteError, RocketmqTimeoutError } from "../rocketmq";
import type { BrokerRuntimeInfo, ClusterInfo } from "../rocketmq";
import type { ConfigFigures, FailureKind, Reading, RuntimeFigures } from "./model";
import type { NamesrvView } from "./snapshot";

/** The reading after a successful call. */
export function succeeded<T>(reading: Reading<T>, value: T, at: number): Reading<T> {
  return { ...reading, value, observedAt: at, checkedAt: at, error: null, errorKind: null, failures: 0 };
}

/** The reading after a failed call: the last good value stays, marked by the error and its growing age. */
export function failedWith<T>(reading: Reading<T>, error: unknown, at: number): Reading<T> {
  const message = error instanceof Error ? error.message : String(error);
  return { ...reading, checkedAt: at, error: message, errorKind: failureKind(error), failures: reading.failures + 1 };
}

function failureKind(error: unknown): FailureKind {
  if (error instanceof RocketmqTimeoutError) return "timeout";
  if (error instanceof RocketmqConnectionError) {
    // A SYN nobody answers is a host gone from the network; a refusal or reset is a process gone from the host.
    if (error.failure === "unreachable" || error.failure === "connect_timeout") return "unreachable";
    if (error.failure === "client_closed") return "timeout";
    return "refused";
  }
  if (error instanceof RocketmqProtocolError) return "protocol";
  if (error instanceof RocketmqRemoteError) return "remote";
  return "protocol";
}

/** The broker's 10 s window, or its 60 s one while the 10 s window is still empty after a start. */
export function runtimeFigures(info: BrokerRuntimeInfo): RuntimeFigures {
  return {
    version: info.version,
    bootTimestamp: info.bootTimestamp,
    putTps: info.putTps.last10s ?? info.putTps.last60s,
    getTps: info.getTotalTps.last10s ?? info.getTotalTps.last60s,
    diskRatio: info.commitLogDiskRatio,
    commitLogMaxOffset: info.commitLogMaxOffset,
  };
}

export function configFigures(config: Record<string, string>): ConfigFigures {
  const get = (key: string) => config[key] ?? null;
  return { brokerRole: get("brokerRole"), brokerId: get("brokerId"), brokerIP1: get("brokerIP1"), listenPort: get("listenPort") };
}

/** One NameServer's listing of the groups of `brokerClusterName` (a NameServer may serve several clusters). */
export function namesrvView(info: ClusterInfo, brokerClusterName: string): NamesrvView {
  const cluster = info.clusters.find((c) => c.name === brokerClusterName);
  return { groups: Object.fromEntries((cluster?.brokerGroups ?? []).map((g) => [g.brokerName, g.members])) };
}

/** "V4_9_3" → "4.9.3"; null when the broker did not say. */
export function versionFromDesc(desc: string | null | undefined): string | null {
  const match = /^V(\d+)_(\d+)_(\d+)/.exec(desc ?? "");
  return match ? `${match[1]}.${match[2]}.${match[3]}` : null;
}
