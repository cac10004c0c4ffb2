/**
 * Watching the lab's DLedger group through the admin client: who leads, what the NameServer lists,
 * and how long a failover takes. Shared by the real-JVM tests and `npm run bench:rocketmq`.
 */
import { killLabNode, type RocketmqLab, startLabNode } from "@/lib/testing/lab/rocketmq";
import type { RocketmqClient } from "../client";
import type { BrokerMember, DledgerMemberState } from "../schema";

const POLL_MS = 100;

/** Polls `probe` until it returns a value; its errors count as "not yet". */
export async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `; last error: ${String(lastError)}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export interface AgreedLeader {
  leaderId: string;
  term: number;
  states: DledgerMemberState[];
}

export function labGroup(rocketmq: RocketmqClient, lab: RocketmqLab) {
  const nodeOf = (selfId: string) => {
    const node = lab.nodes.find((n) => n.selfId === selfId);
    if (!node) throw new Error(`the lab has no node ${selfId}`);
    return node;
  };
  const memberOf = (selfId: string) => ({ group: lab.group, selfId });
  const allIds = () => lab.nodes.map((n) => n.selfId);

  const states = (selfIds: string[]) =>
    Promise.all(selfIds.map((id) => rocketmq.getDledgerMemberState(nodeOf(id).dledgerAddress, memberOf(id))));

  /** The leader all given members name, with their common term, or undefined while they disagree. */
  async function agreedLeader(selfIds = allIds()): Promise<AgreedLeader | undefined> {
    const all = await states(selfIds);
    const [first] = all;
    const agree = first.leaderId !== null && all.every((s) => s.leaderId === first.leaderId && s.term === first.term);
    return agree ? { leaderId: first.leaderId as string, term: first.term, states: all } : undefined;
  }

  /** The group's members as the NameServer lists them, sorted by brokerId. */
  async function members(): Promise<BrokerMember[]> {
    const info = await rocketmq.getClusterInfo(lab.namesrv.address);
    const cluster = info.clusters.find((c) => c.name === lab.cluster);
    return cluster?.brokerGroups.find((g) => g.brokerName === lab.group)?.members ?? [];
  }

  /** Booted is not elected: one leader registered as brokerId 0 next to both followers. */
  const ready = (timeoutMs = 90_000) =>
    eventually("a leader and two followers in the NameServer", timeoutMs, async () => {
      const listed = await members();
      return listed.length === lab.nodes.length && listed[0].brokerId === 0 ? listed : undefined;
    });

  /**
   * SIGKILLs the leader and times three views of the failover: the first survivor naming a new
   * leader over DLedger, both survivors agreeing, and the NameServer listing it as brokerId 0.
   */
  async function crashLeader() {
    const before = await eventually("agreement on a leader", 30_000, () => agreedLeader());
    const oldLeader = before.leaderId;
    const survivors = allIds().filter((id) => id !== oldLeader);
    const killedAt = performance.now();
    await killLabNode(lab, oldLeader);
    const since = () => Math.round(performance.now() - killedAt);

    const firstReportMs = eventually("a survivor to report a new leader", 60_000, async () => {
      const reports = await Promise.allSettled(survivors.map((id) => rocketmq.getDledgerMetadata(nodeOf(id).dledgerAddress, memberOf(id))));
      const named = reports.some((r) => r.status === "fulfilled" && r.value.leaderId !== null && r.value.leaderId !== oldLeader);
      return named ? since() : undefined;
    });
    const agreed = eventually("the survivors to agree on a new leader", 60_000, async () => {
      const leader = await agreedLeader(survivors);
      return leader && leader.leaderId !== oldLeader ? { ...leader, ms: since() } : undefined;
    });
    // Heartbeats every 30 s, expiry after 120 s: the NameServer may lag the election by minutes in theory.
    const registered = eventually("the NameServer to list a new brokerId 0", 150_000, async () => {
      const master = (await members()).find((m) => m.brokerId === 0);
      return master && master.address !== nodeOf(oldLeader).brokerAddress ? { master, ms: since() } : undefined;
    });
    const [first, elected, listed] = await Promise.all([firstReportMs, agreed, registered]);
    return {
      before,
      oldLeader,
      elected,
      master: listed.master,
      delays: { dledgerFirstReportMs: first, dledgerAgreedMs: elected.ms, namesrvMs: listed.ms },
    };
  }

  /** Restarts a node and waits until it follows `leaderId` and the NameServer lists it as a follower. */
  async function rejoin(selfId: string, leaderId: string) {
    const startedAt = performance.now();
    await startLabNode(lab, selfId);
    const followerBrokerId = Number(selfId.slice(1)) + 1;
    const agreed = await eventually(`${selfId} to rejoin as follower`, 90_000, async () => {
      const leader = await agreedLeader();
      const listed = await members();
      return leader?.leaderId === leaderId && listed.some((m) => m.brokerId === followerBrokerId) ? leader : undefined;
    });
    return { ...agreed, ms: Math.round(performance.now() - startedAt) };
  }

  return { nodeOf, memberOf, allIds, agreedLeader, members, ready, crashLeader, rejoin };
}
