import "server-only";
import type { RocketmqClient } from "../rocketmq";
import { diffSnapshots } from "./diff";
import { identityFromConfig, knownBrokerAddresses, learnIdentity, type TopologyLayout } from "./layout";
import type { Limiter } from "./limiter";
import {
  CALL_TIMEOUT_MS,
  emptyReading,
  nodeKey,
  POLL_INTERVAL_MS,
  type SourceKind,
  type TopologyEventInput,
  type TopologySnapshot,
} from "./model";
import { configFigures, failedWith, namesrvView, runtimeFigures, succeeded } from "./readings";
import { buildSnapshot, emptyNodeReadings, type NodeReadings, type Readings, type SnapshotMeta } from "./snapshot";
import { type Task, TaskSchedule } from "./tasks";

/** Where a poller's results go; the worker's implementation writes Postgres (see run-pollers). */
export interface PollerSink {
  /** Stores the snapshot and its events; false when this poller no longer holds the cluster's lease. */
  publish(snapshot: TopologySnapshot, events: TopologyEventInput[]): Promise<boolean>;
  saveLayout(layout: TopologyLayout): Promise<void>;
  sample(nodeKey: string, at: number, figures: { putTps: number | null; getTps: number | null; diskRatio: number | null }): void;
}

export interface ClusterPollerOptions {
  meta: SnapshotMeta;
  layout: TopologyLayout;
  /** The last stored snapshot: its readings seed this poller, so a restart neither forgets nor repeats events. */
  previous: TopologySnapshot | null;
  rocketmq: RocketmqClient;
  limiter: Limiter;
  sink: PollerSink;
  datacenterOf: (host: string) => string | null;
  onLeaseLost: () => void;
  log: (line: string) => void;
}

const TICK_MS = 100;
/** Coalesces the readings of one polling round into one write; a leader or health change is written at once. */
const PUBLISH_MIN_INTERVAL_MS = 500;
/** Written even when nothing changed, so readers see the poller alive. */
const PUBLISH_MAX_INTERVAL_MS = 5_000;
/** A broker the NameServer lists but the layout lacks is asked for its config at most this often. */
const PROBE_INTERVAL_MS = 30_000;
/** While a group has no leader an election is under way: its members are asked this often, to show the winner at once. */
const ELECTION_DLEDGER_INTERVAL_MS = 250;

/**
 * Polls one cluster: each NameServer's cluster info, and per node its DLedger metadata and term, runtime info
 * and live config, each on its own interval. A task never overlaps itself and every call has a deadline, so a
 * dead host holds a few limiter slots for at most a deadline and never delays the other nodes' polls.
 */
export class ClusterPoller {
  private layout: TopologyLayout;
  private readonly readings: Readings = { nameServers: new Map(), nodes: new Map() };
  private readonly schedule: TaskSchedule;
  private readonly probedAt = new Map<string, number>();
  private last: TopologySnapshot | null;
  private timer: NodeJS.Timeout | null = null;
  private dirty = true;
  private urgent = false;
  private publishing: Promise<void> | null = null;
  private lastPublishAt = 0;
  private stopped = false;

  constructor(private readonly options: ClusterPollerOptions) {
    this.layout = options.layout;
    this.last = options.previous;
    this.schedule = new TaskSchedule(options.limiter, (task) => this.intervalOf(task), options.log);
    this.seedReadings(options.previous);
    this.syncTasks();
  }

  get clusterId() {
    return this.options.meta.clusterId;
  }

  start() {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.publishing;
  }

  /** The readings of the last stored snapshot: values keep their old times, so they show as stale, not fresh. */
  private seedReadings(previous: TopologySnapshot | null) {
    if (previous?.schemaVersion !== 1) return;
    for (const group of previous.groups) {
      for (const node of group.nodes) {
        this.readings.nodes.set(node.key, { dledger: node.dledger, term: node.termReading, runtime: node.runtime, config: node.config });
      }
    }
    for (const ns of previous.nameServers) this.readings.nameServers.set(ns.address, { ...ns.reading, value: null });
  }

  private tick() {
    if (this.stopped) return;
    const now = Date.now();
    this.schedule.runDue(now);
    const since = now - this.lastPublishAt;
    if (
      !this.publishing &&
      ((this.urgent && this.dirty) || (this.dirty && since >= PUBLISH_MIN_INTERVAL_MS) || since >= PUBLISH_MAX_INTERVAL_MS)
    ) {
      this.publishing = this.publish().finally(() => {
        this.publishing = null;
      });
    }
  }

  private intervalOf(task: Task): number {
    if (task.kind === "probe") return PROBE_INTERVAL_MS;
    if (task.kind === "dledger" && this.last?.groups.find((g) => g.brokerName === task.brokerName)?.leaderId === null)
      return ELECTION_DLEDGER_INTERVAL_MS;
    return POLL_INTERVAL_MS[task.kind];
  }

  private async publish() {
    this.dirty = false;
    this.urgent = false;
    const now = Date.now();
    const snapshot = buildSnapshot(this.layout, this.readings, this.options.meta, this.last, now);
    const events = diffSnapshots(this.last, snapshot);
    try {
      if (!(await this.options.sink.publish(snapshot, events))) {
        this.options.log(`lost the topology lease of cluster ${this.clusterId}; stopping its poller`);
        this.stopped = true;
        this.options.onLeaseLost();
        return;
      }
      this.last = snapshot;
      this.lastPublishAt = now;
      this.quickenElections(snapshot, now);
    } catch (error) {
      this.dirty = true;
      this.lastPublishAt = now;
      this.options.log(`storing the topology of cluster ${this.clusterId} failed: ${error instanceof Error ? error.message : error}`);
    }
  }

  /** Tasks scheduled while a group still had its leader would wait a whole interval: bring them forward. */
  private quickenElections(snapshot: TopologySnapshot, now: number) {
    const leaderless = new Set(snapshot.groups.filter((g) => g.leaderId === null).map((g) => g.brokerName));
    if (leaderless.size > 0)
      this.schedule.bringForward(
        (task) => task.kind === "dledger" && leaderless.has(task.brokerName ?? ""),
        now + ELECTION_DLEDGER_INTERVAL_MS,
      );
  }

  private changed(urgent: boolean) {
    this.dirty = true;
    if (urgent) this.urgent = true;
  }

  /** One task per source and node; tasks of nodes that left the layout are dropped. */
  private syncTasks() {
    const wanted = new Set<string>();
    const add = (key: string, kind: SourceKind, call: () => Promise<void>, brokerName?: string) => {
      wanted.add(key);
      this.schedule.ensure(key, { kind, brokerName, call });
    };
    for (const address of this.layout.nameServers) add(`namesrv:${address}`, "namesrv", () => this.pollNamesrv(address));
    for (const group of this.layout.groups) {
      for (const node of group.nodes) {
        const key = nodeKey(group.brokerName, node.selfId);
        add(`dledger:${key}`, "dledger", () => this.pollDledger(group.brokerName, node.selfId), group.brokerName);
        add(`term:${key}`, "term", () => this.pollTerm(group.brokerName, node.selfId));
        add(`runtime:${key}`, "runtime", () => this.pollRuntime(group.brokerName, node.selfId));
        add(`config:${key}`, "config", () => this.pollConfig(group.brokerName, node.selfId));
      }
    }
    this.schedule.retain(wanted);
  }

  private node(brokerName: string, selfId: string) {
    const group = this.layout.groups.find((g) => g.brokerName === brokerName);
    const node = group?.nodes.find((n) => n.selfId === selfId);
    return group && node ? { group, node } : null;
  }

  private nodeReadings(brokerName: string, selfId: string): NodeReadings {
    const key = nodeKey(brokerName, selfId);
    let readings = this.readings.nodes.get(key);
    if (!readings) this.readings.nodes.set(key, (readings = emptyNodeReadings()));
    return readings;
  }

  private async pollNamesrv(address: string) {
    const before = this.readings.nameServers.get(address) ?? emptyReading("namesrv");
    try {
      const info = await this.options.rocketmq.getClusterInfo(address, { timeoutMs: CALL_TIMEOUT_MS.namesrv });
      const view = namesrvView(info, this.layout.brokerClusterName);
      this.readings.nameServers.set(address, succeeded(before, view, Date.now()));
      this.changed(before.error !== null || JSON.stringify(before.value) !== JSON.stringify(view));
      this.probeUnknownBrokers(
        Object.values(view.groups)
          .flat()
          .map((m) => m.address),
      );
    } catch (error) {
      this.readings.nameServers.set(address, failedWith(before, error, Date.now()));
      this.changed(before.error === null);
    }
  }

  /** A broker the NameServer lists that the layout lacks (a new group, a node that came back elsewhere): read its config. */
  private probeUnknownBrokers(addresses: string[]) {
    const known = knownBrokerAddresses(this.layout);
    const now = Date.now();
    for (const address of addresses) {
      if (known.has(address) || now - (this.probedAt.get(address) ?? 0) < PROBE_INTERVAL_MS) continue;
      this.probedAt.set(address, now);
      const key = `probe:${address}`;
      const probe = async () => {
        this.schedule.delete(key);
        try {
          this.learn(address, await this.options.rocketmq.getBrokerConfig(address, { timeoutMs: CALL_TIMEOUT_MS.config }));
        } catch (error) {
          this.options.log(
            `cluster ${this.clusterId}: broker ${address} is listed by the NameServer but its config could not be read: ${error instanceof Error ? error.message : error}`,
          );
        }
      };
      this.schedule.ensure(key, { kind: "probe", call: probe }, 0);
    }
  }

  private learn(brokerAddress: string, config: Record<string, string>) {
    const identity = identityFromConfig(brokerAddress, config);
    if (!identity) return;
    const next = learnIdentity(this.layout, identity, this.options.datacenterOf);
    if (next === this.layout) return;
    this.layout = next;
    this.syncTasks();
    this.changed(true);
    this.options.sink
      .saveLayout(next)
      .catch((error) =>
        this.options.log(`saving the layout of cluster ${this.clusterId} failed: ${error instanceof Error ? error.message : error}`),
      );
  }

  private async pollDledger(brokerName: string, selfId: string) {
    const found = this.node(brokerName, selfId);
    if (!found) return;
    const readings = this.nodeReadings(brokerName, selfId);
    const before = readings.dledger;
    try {
      const member = { group: found.group.dLegerGroup, selfId };
      const metadata = await this.options.rocketmq.getDledgerMetadata(found.node.dledgerAddress, member, {
        timeoutMs: CALL_TIMEOUT_MS.dledger,
      });
      readings.dledger = succeeded(before, { leaderId: metadata.leaderId, peers: metadata.peers }, Date.now());
      const leaderChanged = before.value?.leaderId !== metadata.leaderId;
      if (leaderChanged) {
        // A new leader comes with a new term: read it before the change is published, so it is told with its term.
        await this.pollTerm(brokerName, selfId);
        // The other members are about to say the same, and the new leader registers with the NameServers at once: ask them now.
        if (before.value) {
          this.schedule.hurry(found.group.nodes.filter((n) => n.selfId !== selfId).map((n) => `dledger:${nodeKey(brokerName, n.selfId)}`));
          this.schedule.hurry(this.layout.nameServers.map((address) => `namesrv:${address}`));
        }
      }
      this.changed(leaderChanged || before.error !== null);
    } catch (error) {
      readings.dledger = failedWith(before, error, Date.now());
      // The first failure and the second (which makes a timeout "down") change the node's health.
      this.changed(before.failures < 2);
    }
  }

  private async pollTerm(brokerName: string, selfId: string) {
    const found = this.node(brokerName, selfId);
    if (!found) return;
    const readings = this.nodeReadings(brokerName, selfId);
    const before = readings.term;
    try {
      const term = await this.options.rocketmq.getDledgerTerm(
        found.node.dledgerAddress,
        { group: found.group.dLegerGroup, selfId },
        { timeoutMs: CALL_TIMEOUT_MS.term },
      );
      readings.term = succeeded(before, term, Date.now());
      this.changed(before.value !== term);
    } catch (error) {
      readings.term = failedWith(before, error, Date.now());
      this.changed(false);
    }
  }

  private async pollRuntime(brokerName: string, selfId: string) {
    const address = this.node(brokerName, selfId)?.node.brokerAddress;
    if (!address) return;
    const readings = this.nodeReadings(brokerName, selfId);
    try {
      const figures = runtimeFigures(await this.options.rocketmq.getBrokerRuntimeInfo(address, { timeoutMs: CALL_TIMEOUT_MS.runtime }));
      const at = Date.now();
      readings.runtime = succeeded(readings.runtime, figures, at);
      this.options.sink.sample(nodeKey(brokerName, selfId), at, {
        putTps: figures.putTps,
        getTps: figures.getTps,
        diskRatio: figures.diskRatio,
      });
    } catch (error) {
      readings.runtime = failedWith(readings.runtime, error, Date.now());
    }
    this.changed(false);
  }

  private async pollConfig(brokerName: string, selfId: string) {
    const address = this.node(brokerName, selfId)?.node.brokerAddress;
    if (!address) return;
    const readings = this.nodeReadings(brokerName, selfId);
    try {
      const config = await this.options.rocketmq.getBrokerConfig(address, { timeoutMs: CALL_TIMEOUT_MS.config });
      readings.config = succeeded(readings.config, configFigures(config), Date.now());
      this.learn(address, config);
    } catch (error) {
      readings.config = failedWith(readings.config, error, Date.now());
    }
    this.changed(false);
  }
}
