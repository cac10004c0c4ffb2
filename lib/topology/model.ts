/**
 * The topology snapshot: what the poller last saw of one cluster, every value with the time it was seen.
 * Pure types and rules, shared by the worker (which builds it), the web server (which serves it) and the
 * browser (which draws it and ages it). No I/O here.
 */
import type { Message } from "../i18n/message";

/** Where a value comes from; each source has its own interval and call deadline. */
export type SourceKind = "namesrv" | "dledger" | "term" | "runtime" | "config";

/**
 * DLedger state every second: an election ends within ~10 s and the dashboard should show it within ~1 s.
 * The term costs a HEART_BEAT probe that each broker logs as a WARN, so it is read every 5 s, and at once
 * when a node names a new leader. Runtime figures feed charts; the config only changes on restart.
 */
export const POLL_INTERVAL_MS: Record<SourceKind, number> = { namesrv: 2_000, dledger: 1_000, term: 5_000, runtime: 5_000, config: 30_000 };

/** Deadlines short enough that a hung host costs one slot for one interval, long enough for a JVM's GC pause. */
export const CALL_TIMEOUT_MS: Record<SourceKind, number> = { namesrv: 1_500, dledger: 1_000, term: 1_000, runtime: 2_000, config: 2_000 };

/** A value not refreshed for two intervals plus a deadline is stale: shown with its age, never as healthy. */
export const staleAfterMs = (kind: SourceKind) => 2 * POLL_INTERVAL_MS[kind] + CALL_TIMEOUT_MS[kind];

/** The NameServer may trail DLedger by a registration round after an election; longer than this is a disagreement. */
export const NAMESRV_AGREEMENT_GRACE_MS = 10_000;

/** How a call failed, as far as an operator cares. */
export type FailureKind = "refused" | "unreachable" | "timeout" | "protocol" | "remote";

/** The latest reading of one source: the last good value (kept while failing) and how the last attempt went. */
export interface Reading<T> {
  value: T | null;
  /** When `value` was read (ms since the epoch); null if never. */
  observedAt: number | null;
  /** When the last attempt ended; null if none yet. */
  checkedAt: number | null;
  /** The last attempt's failure, null when it succeeded. */
  error: string | null;
  errorKind: FailureKind | null;
  /** Failed attempts in a row. */
  failures: number;
  staleAfterMs: number;
}

export type ReadingStatus = "ok" | "stale" | "failing" | "unknown";

export function emptyReading<T>(kind: SourceKind): Reading<T> {
  return { value: null, observedAt: null, checkedAt: null, error: null, errorKind: null, failures: 0, staleAfterMs: staleAfterMs(kind) };
}

/** `now` is the reader's clock expressed in the snapshot's time base (see ageOf in the browser). */
export function readingStatus(reading: Reading<unknown>, now: number): ReadingStatus {
  if (reading.error !== null) return "failing";
  if (reading.observedAt === null) return "unknown";
  return now - reading.observedAt > reading.staleAfterMs ? "stale" : "ok";
}

/**
 * up: the DLedger port answers. down: it refused, or failed twice in a row (one timeout is a GC pause, not a
 * death). stale: no fresh answer and no verdict. unknown: never asked since the poller started.
 */
export type NodeHealth = "up" | "down" | "stale" | "unknown";

export function healthOf(reading: Reading<unknown>, now: number): NodeHealth {
  const status = readingStatus(reading, now);
  if (status === "failing") {
    const certain = reading.errorKind === "refused" || reading.errorKind === "unreachable" || reading.failures >= 2;
    return certain ? "down" : reading.observedAt === null ? "unknown" : "stale";
  }
  if (status === "ok") return "up";
  return status;
}

export type NodeRole = "leader" | "follower" | "candidate" | "unknown";

/** What METADATA said: whom this member follows and the peers it knows. */
export interface DledgerView {
  leaderId: string | null;
  peers: Record<string, string>;
}

/** Figures from GET_BROKER_RUNTIME_INFO the dashboard shows. */
export interface RuntimeFigures {
  /** e.g. "V4_9_3" */
  version: string | null;
  bootTimestamp: number | null;
  /** Messages per second over the broker's last 10 s window (60 s while the 10 s one is empty). */
  putTps: number | null;
  getTps: number | null;
  /** Used fraction (0..1) of the fullest commit-log disk. */
  diskRatio: number | null;
  commitLogMaxOffset: number | null;
}

/** Keys of the live config (GET_BROKER_CONFIG) worth showing. */
export interface ConfigFigures {
  brokerRole: string | null;
  brokerId: string | null;
  brokerIP1: string | null;
  listenPort: string | null;
}

export interface NodeSnapshot {
  /** `${brokerName}/${selfId}`: stable across restarts and addresses. */
  key: string;
  brokerName: string;
  selfId: string;
  /** The broker's remoting address; null while no NameServer has listed it and no config said it. */
  brokerAddress: string | null;
  dledgerAddress: string;
  datacenter: string | null;
  health: NodeHealth;
  role: NodeRole;
  /** The leader this member names (its own view; a follower keeps naming a dead leader until it times out). */
  follows: string | null;
  term: number | null;
  /** Bytes of commit log behind the leader (runtime info of both); null when either is unknown. */
  lagBytes: number | null;
  /** brokerId under which the NameServers list this node, null when none does. */
  registeredAs: number | null;
  dledger: Reading<DledgerView>;
  termReading: Reading<number>;
  runtime: Reading<RuntimeFigures>;
  config: Reading<ConfigFigures>;
}

export type GroupHealth = "ok" | "degraded" | "no_leader" | "down" | "unknown";

/** Does the NameServers' brokerId 0 match the DLedger leader? `settling` inside the grace period after a change. */
export type NamesrvAgreement = "agrees" | "settling" | "disagrees" | "unknown";

export interface GroupSnapshot {
  brokerName: string;
  dLegerGroup: string;
  datacenter: string | null;
  /** The member that says it leads and is not down; null during an election. */
  leaderId: string | null;
  /** The leader's reading is stale: the last thing known, not a fresh fact. */
  leaderStale: boolean;
  term: number | null;
  health: GroupHealth;
  namesrv: {
    /** brokerId 0 in the freshest answering NameServer's view. */
    masterAddress: string | null;
    agreement: NamesrvAgreement;
    since: number | null;
    detail: string | null;
  };
  nodes: NodeSnapshot[];
}

export type NameServerHealth = NodeHealth;

export interface NameServerSnapshot {
  address: string;
  health: NameServerHealth;
  reading: Reading<{ groups: number; brokers: number }>;
}

export interface TopologySnapshot {
  schemaVersion: 1;
  clusterId: string;
  brokerClusterName: string;
  /** When the worker built this snapshot: the time base of every `observedAt` in it. */
  generatedAt: number;
  pollerId: string;
  /** "revision": nodes from the deployed (or desired) revision; "attached": learned from the NameServers. */
  source: "revision" | "attached";
  revision: { number: number; deployed: boolean } | null;
  datacenters: { code: string; name: string }[];
  nameServers: NameServerSnapshot[];
  groups: GroupSnapshot[];
}

export const nodeKey = (brokerName: string, selfId: string) => `${brokerName}/${selfId}`;

export interface TopologySummary {
  groups: number;
  groupsWithLeader: number;
  nodes: number;
  nodesUp: number;
  nodesDown: number;
  nameServersUp: number;
  nameServers: number;
}

export function summarize(snapshot: TopologySnapshot): TopologySummary {
  const nodes = snapshot.groups.flatMap((g) => g.nodes);
  return {
    groups: snapshot.groups.length,
    groupsWithLeader: snapshot.groups.filter((g) => g.leaderId !== null).length,
    nodes: nodes.length,
    nodesUp: nodes.filter((n) => n.health === "up").length,
    nodesDown: nodes.filter((n) => n.health === "down").length,
    nameServersUp: snapshot.nameServers.filter((n) => n.health === "up").length,
    nameServers: snapshot.nameServers.length,
  };
}

/** A topology event before it is stored (the store adds id and cluster). */
export interface TopologyEventInput {
  at: number;
  kind: TopologyEventKind;
  severity: "info" | "warning" | "error";
  groupName: string | null;
  selfId: string | null;
  /** The English text, for the API's readers and scripts: english(text). */
  message: string;
  /** The same text as key and values, rendered in each reader's language. */
  text: Message;
  detail: Record<string, unknown>;
}

export type TopologyEventKind =
  | "leader_elected"
  | "leader_lost"
  | "term_changed"
  | "node_down"
  | "node_up"
  | "node_discovered"
  | "namesrv_down"
  | "namesrv_up"
  | "namesrv_disagrees"
  | "namesrv_agrees";

/** A stored event as the API and the SSE stream send it (id as a decimal string: it is a bigint). */
export interface TopologyEventRecord extends Omit<TopologyEventInput, "at" | "text"> {
  id: string;
  at: string;
  /** null on events stored before messages were: those have their English `message` only. */
  text: Message | null;
}

/**
 * The snapshot as it stands at `now` (in the snapshot's clock): a reading that aged since the worker built the
 * snapshot turns stale here, so a stopped worker or a lost stream can never leave a node looking healthy.
 */
export function asOf(snapshot: TopologySnapshot, now: number): TopologySnapshot {
  return {
    ...snapshot,
    nameServers: snapshot.nameServers.map((ns) => ({ ...ns, health: healthOf(ns.reading, now) })),
    groups: snapshot.groups.map((group) => {
      const nodes = group.nodes.map((node) => {
        const health = healthOf(node.dledger, now);
        return { ...node, health, role: health === "down" || health === "unknown" ? ("unknown" as const) : node.role };
      });
      const leader = nodes.find((n) => n.selfId === group.leaderId);
      const health = group.health === "ok" && nodes.some((n) => n.health !== "up") ? "degraded" : group.health;
      return { ...group, nodes, health, leaderStale: group.leaderStale || (leader !== undefined && leader.health !== "up") };
    }),
  };
}

/** What the SSE `snapshot` event carries (the snapshot API sends serverNow as its x-server-now header): the server's clock, to age readings in the browser. */
export interface SnapshotEnvelope {
  serverNow: number;
  snapshot: TopologySnapshot | null;
}
