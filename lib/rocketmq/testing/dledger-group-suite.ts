/**
 * The real-JVM suite, run once per pinned RocketMQ version (lib/rocketmq/*.jvm.test.ts): a lab
 * NameServer and 3-node DLedger group, read through the admin client, then a leader crash.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killLabNode, type RocketmqLab, rocketmqLabDown, rocketmqLabUp, startLabNode } from "@/e2e/lab/rocketmq";
import { createRocketmqClient } from "../client";
import { RocketmqConnectionError } from "../errors";
import type { DledgerMemberState } from "../schema";
import type { RocketmqVersion } from "../versions";

const POLL_MS = 100;

async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
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

export function describeDledgerGroup(version: RocketmqVersion, portBase: number) {
  describe(`RocketMQ ${version}: a NameServer and a 3-node DLedger group`, () => {
    const instance = `test-${version}`;
    // Generous: two labs and other suites share two cores; a slow reply is load, not a failure.
    const rocketmq = createRocketmqClient({ timeoutMs: 5000 });
    let lab: RocketmqLab;

    const memberOf = (selfId: string) => ({ group: lab.group, selfId });
    const nodeOf = (selfId: string) => lab.nodes.find((n) => n.selfId === selfId)!;
    const states = (selfIds: string[]) =>
      Promise.all(selfIds.map((id) => rocketmq.getDledgerMemberState(nodeOf(id).dledgerAddress, memberOf(id))));
    /** The leader all given members agree on, with its term, or undefined while they disagree. */
    const agreedLeader = async (selfIds: string[]) => {
      const all = await states(selfIds);
      const [first] = all;
      const agree = first.leaderId !== null && all.every((s) => s.leaderId === first.leaderId && s.term === first.term);
      return agree ? { leaderId: first.leaderId!, term: first.term, states: all } : undefined;
    };
    const groupMembers = async () => {
      const info = await rocketmq.getClusterInfo(lab.namesrv.address);
      return info.clusters.find((c) => c.name === lab.cluster)?.brokerGroups.find((g) => g.brokerName === lab.group)?.members ?? [];
    };
    const allIds = () => lab.nodes.map((n) => n.selfId);

    beforeAll(async () => {
      lab = await rocketmqLabUp({ version, instance, portBase });
      console.info(
        `[${version}] JVM start (spawn → "boot success"): namesrv ${lab.namesrv.startMs} ms, ` +
          lab.nodes.map((n) => `${n.selfId} ${n.startMs} ms`).join(", "),
      );
      // Booted is not elected: wait for one leader registered as brokerId 0 next to both followers.
      await eventually("a leader and two followers in the NameServer", 90_000, async () => {
        const members = await groupMembers();
        return members.length === 3 && members[0].brokerId === 0 ? members : undefined;
      });
    }, 300_000);

    afterAll(async () => {
      await rocketmq.close();
      await rocketmqLabDown({ instance });
    }, 60_000);

    it("lists the group in the NameServer with exactly one leader (brokerId 0) and two followers", async () => {
      const { leaderId } = await eventually("agreement on a leader", 30_000, () => agreedLeader(allIds()));
      const members = await groupMembers();
      const followerIds = allIds()
        .filter((id) => id !== leaderId)
        .map((id) => Number(id.slice(1)) + 1);
      expect(members).toEqual(
        [
          { brokerId: 0, address: nodeOf(leaderId).brokerAddress },
          ...followerIds.map((brokerId) => ({ brokerId, address: nodeOf(`n${brokerId - 1}`).brokerAddress })),
        ].sort((a, b) => a.brokerId - b.brokerId),
      );
    });

    it("gets the same leader and term from all three members over the DLedger port", async () => {
      const { leaderId, term, states: all } = await eventually("agreement on a leader", 30_000, () => agreedLeader(allIds()));
      expect(term).toBeGreaterThanOrEqual(1);
      expect(all.map((s: DledgerMemberState) => s.role).sort()).toEqual(["follower", "follower", "leader"]);
      const peers = Object.fromEntries(lab.nodes.map((n) => [n.selfId, n.dledgerAddress]));
      for (const state of all) expect(state).toMatchObject({ group: lab.group, leaderId, term, peers });
    });

    it("reads the NameServer's config and a topic route, and each broker's runtime info and config", async () => {
      const namesrvConfig = await rocketmq.getNamesrvConfig(lab.namesrv.address);
      expect(namesrvConfig.listenPort).toBe(String(lab.portBase));
      const route = await eventually("the default topic's route", 30_000, () => rocketmq.getTopicRoute(lab.namesrv.address, "TBW102"));
      expect(route.brokerGroups[0]).toMatchObject({ brokerName: lab.group, cluster: lab.cluster });
      await expect(rocketmq.getTopicRoute(lab.namesrv.address, "NoSuchTopic")).rejects.toMatchObject({ kind: "remote", remoteCode: 17 });

      const { leaderId } = await eventually("agreement on a leader", 30_000, () => agreedLeader(allIds()));
      for (const node of lab.nodes) {
        const runtime = await rocketmq.getBrokerRuntimeInfo(node.brokerAddress);
        expect(runtime.version).toBe(`V${version.replaceAll(".", "_")}`);
        expect(runtime.bootTimestamp).toBeGreaterThan(Date.now() - 15 * 60_000);
        expect(runtime.commitLogDiskRatio).toBeGreaterThanOrEqual(0);
        const config = await rocketmq.getBrokerConfig(node.brokerAddress);
        expect(config).toMatchObject({ dLegerSelfId: node.selfId, dLegerGroup: lab.group, enableDLegerCommitLog: "true" });
        expect(config.brokerRole).toBe(node.selfId === leaderId ? "SYNC_MASTER" : "SLAVE");
      }
    });

    it("hands leadership to a follower with LEADERSHIP_TRANSFER", async () => {
      const before = await eventually("agreement on a leader", 30_000, () => agreedLeader(allIds()));
      const transfereeId = allIds().find((id) => id !== before.leaderId)!;
      await rocketmq.transferDledgerLeadership(nodeOf(before.leaderId).dledgerAddress, {
        group: lab.group,
        leaderId: before.leaderId,
        transfereeId,
        term: before.term,
      });
      const after = await eventually("the transferee to lead", 30_000, async () => {
        const agreed = await agreedLeader(allIds());
        return agreed?.leaderId === transfereeId ? agreed : undefined;
      });
      expect(after.term).toBeGreaterThan(before.term);
      await eventually("the NameServer to list the transferee as brokerId 0", 60_000, async () => {
        const members = await groupMembers();
        return members.find((m) => m.brokerId === 0)?.address === nodeOf(transfereeId).brokerAddress ? true : undefined;
      });
    }, 120_000);

    it("elects a new leader when the leader's JVM dies, and the old leader rejoins as a follower", async () => {
      const before = await eventually("agreement on a leader", 30_000, () => agreedLeader(allIds()));
      const oldLeader = before.leaderId;
      const survivors = allIds().filter((id) => id !== oldLeader);

      const killedAt = performance.now();
      await killLabNode(lab, oldLeader);
      // First moment any survivor names a new leader (it is the one that won), then both agree.
      const firstReport = eventually("a survivor to report a new leader", 60_000, async () => {
        const reports = await Promise.allSettled(survivors.map((id) => rocketmq.getDledgerMetadata(nodeOf(id).dledgerAddress, memberOf(id))));
        const named = reports.some((r) => r.status === "fulfilled" && r.value.leaderId !== null && r.value.leaderId !== oldLeader);
        return named ? performance.now() - killedAt : undefined;
      });
      const dledgerView = eventually("the survivors to agree on a new leader", 60_000, async () => {
        const agreed = await agreedLeader(survivors);
        return agreed && agreed.leaderId !== oldLeader ? { ...agreed, ms: performance.now() - killedAt } : undefined;
      });
      const namesrvView = eventually("the NameServer to list the new leader as brokerId 0", 150_000, async () => {
        const master = (await groupMembers()).find((m) => m.brokerId === 0);
        return master && master.address !== nodeOf(oldLeader).brokerAddress ? { master, ms: performance.now() - killedAt } : undefined;
      });
      const [firstMs, elected, registered] = await Promise.all([firstReport, dledgerView, namesrvView]);
      console.info(
        `[${version}] leader ${oldLeader} killed: new leader ${elected.leaderId} (term ${elected.term}) reported over DLedger ` +
          `after ${Math.round(firstMs)} ms (both survivors agree after ${Math.round(elected.ms)} ms), ` +
          `listed as brokerId 0 by the NameServer after ${Math.round(registered.ms)} ms`,
      );
      expect(elected.term).toBeGreaterThan(before.term);
      expect(registered.master.address).toBe(nodeOf(elected.leaderId).brokerAddress);
      const refused = await rocketmq.getDledgerMetadata(nodeOf(oldLeader).dledgerAddress, memberOf(oldLeader)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RocketmqConnectionError);

      const restartedAt = performance.now();
      await startLabNode(lab, oldLeader);
      const rejoined = await eventually("the old leader to rejoin as follower", 90_000, async () => {
        const agreed = await agreedLeader(allIds());
        const members = await groupMembers();
        const followerId = Number(oldLeader.slice(1)) + 1;
        return agreed?.leaderId === elected.leaderId && members.some((m) => m.brokerId === followerId) ? agreed : undefined;
      });
      console.info(`[${version}] ${oldLeader} restarted: follower of ${rejoined.leaderId} after ${Math.round(performance.now() - restartedAt)} ms`);
      expect(rejoined.states.find((s) => s.selfId === oldLeader)?.role).toBe("follower");
    }, 300_000);
  });
}
