import { type Message, message } from "../../i18n/message";
import type { HostReading, ProcessReading, RocketmqJvm } from "./remote-script";
import type { ClusterDrift, DriftItem } from "./schema";

// What a host runs compared with the deployed revision, item by item. Pure: the reading comes from READ_DRIFT.

/** A process of the deployed revision on its host, as the comparison needs it (from its NodeLayout). */
export interface ExpectedProcess {
  /** processKey */
  process: string;
  label: string;
  confPath: string;
  /** sha256 of the revision's conf file. */
  confSha256: string;
  launchFingerprint: string;
  mainClass: string;
}

export type HostOutcome =
  | { answered: true; reading: HostReading }
  | { answered: false; timedOutAfterSeconds: number }
  | { answered: false; error: Message | string };

export interface HostCheck {
  hostId: string;
  hostName: string;
  expected: ExpectedProcess[];
  outcome: HostOutcome;
}

const short = (sha: string) => sha.slice(0, 12);
const shortMain = (mainClass: string) => mainClass.slice(mainClass.lastIndexOf(".") + 1);

/** The conf on disk against the revision's. */
function confItem(expected: ExpectedProcess, found: ProcessReading): Omit<DriftItem, "hostId" | "hostName"> | null {
  const base = { process: expected.process, label: expected.label };
  if (found.confSha256 === null) {
    return { ...base, kind: "conf-missing", detail: message("drift.detail.confMissing", { conf: expected.confPath }) };
  }
  if (found.confSha256 === expected.confSha256) return null;
  return {
    ...base,
    kind: "conf-edited",
    detail: message("drift.detail.confEdited", {
      conf: expected.confPath,
      found: short(found.confSha256),
      expected: short(expected.confSha256),
    }),
  };
}

/** The live process against what the revision starts: main class, conf, then the launch fingerprint (JVM options, release). */
function processItem(expected: ExpectedProcess, found: ProcessReading, revision: number): Omit<DriftItem, "hostId" | "hostName"> | null {
  const base = { process: expected.process, label: expected.label };
  if (found.pid === null) return { ...base, kind: "stopped", detail: message("drift.detail.stopped", { revision }) };
  const pid = found.pid;
  const other = (detail: DriftItem["detail"]) => ({ ...base, kind: "other-launch" as const, detail });
  if (found.mainClass !== expected.mainClass) {
    return other(message("drift.detail.otherMainClass", { pid, found: found.mainClass ?? "?", expected: expected.mainClass }));
  }
  if (found.confArg !== expected.confPath) {
    return other(message("drift.detail.otherConf", { pid, found: found.confArg ?? "?", expected: expected.confPath }));
  }
  if (found.launch === null) return other(message("drift.detail.noLaunch", { pid }));
  if (found.launch !== expected.launchFingerprint) {
    return other(
      message("drift.detail.otherLaunch", { pid, revision, found: short(found.launch), expected: short(expected.launchFingerprint) }),
    );
  }
  return null;
}

/** "pid 4242 BrokerStartup -c /root/broker.conf" */
export function unknownLabel(jvm: RocketmqJvm): string {
  return `pid ${jvm.pid} ${shortMain(jvm.mainClass)}${jvm.confArg === null ? "" : ` -c ${jvm.confArg}`}`;
}

function unknownItem(jvm: RocketmqJvm): Omit<DriftItem, "hostId" | "hostName"> {
  const detail =
    jvm.confArg === null
      ? message("drift.detail.unknownProcessNoConf", { pid: jvm.pid, main: jvm.mainClass })
      : message("drift.detail.unknownProcess", { pid: jvm.pid, main: jvm.mainClass, conf: jvm.confArg });
  return { kind: "unknown-process", process: null, label: unknownLabel(jvm), detail };
}

/** Every difference on one host: per managed process its conf then its process, then the RocketMQ JVMs nobody started. */
export function compareHost(check: HostCheck, revision: number): DriftItem[] {
  const where = { hostId: check.hostId, hostName: check.hostName };
  const { outcome } = check;
  if (!outcome.answered) {
    const detail =
      "timedOutAfterSeconds" in outcome
        ? message("drift.detail.hostTimedOut", { seconds: outcome.timedOutAfterSeconds })
        : message("drift.detail.hostFailed", { error: outcome.error });
    return [{ ...where, kind: "host-unreachable", process: null, label: check.hostName, detail }];
  }
  const { reading } = outcome;
  const items: Omit<DriftItem, "hostId" | "hostName">[] = [];
  const managedPids = new Set<number>();
  check.expected.forEach((expected, i) => {
    const found = reading.processes[i];
    if (found.pid !== null) managedPids.add(found.pid);
    for (const item of [confItem(expected, found), processItem(expected, found, revision)]) if (item) items.push(item);
  });
  for (const jvm of reading.jvms) {
    if (!managedPids.has(jvm.pid) && !reading.knownPids.has(jvm.pid)) items.push(unknownItem(jvm));
  }
  return items.map((item) => ({ ...where, ...item }));
}

/** The cluster's drift from every host's check; hostsChecked counts the hosts that answered. */
export function compareCluster(hosts: readonly HostCheck[], revision: number, checkedAt: Date): ClusterDrift {
  const items = hosts.flatMap((host) => compareHost(host, revision));
  return {
    checkedAt: checkedAt.toISOString(),
    revision,
    inSync: items.length === 0,
    hostsChecked: hosts.filter((h) => h.outcome.answered).length,
    items,
  };
}
