/**
 * The real-JVM suite, run once per pinned RocketMQ version (lib/rocketmq/*.jvm.test.ts): a lab
 * NameServer and 3-node DLedger group, read through the admin client, topics and consumer groups
 * administered on it (admin-suite.ts), then a leadership transfer and a leader crash.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RocketmqLab, rocketmqLabDown, rocketmqLabUp } from "@/lib/testing/lab/rocketmq";
import { createRocketmqClient } from "../client";
import { RocketmqConnectionError } from "../errors";
import { ROCKETMQ_RELEASES, type RocketmqRelease } from "../versions";
import { describeTopicsAndGroups } from "./admin-suite";
import { eventually, labGroup } from "./lab-group";
import { describeMessages } from "./message-suite";

/** What a suite run on the lab group gets: the version, a client, the lab and its group (valid once beforeAll ran). */
export interface GroupSuiteContext {
  version: RocketmqRelease;
  rocketmq: ReturnType<typeof createRocketmqClient>;
  lab: () => RocketmqLab;
  group: () => ReturnType<typeof labGroup>;
}

/**
 * `suites` run on the same lab after the admin suite and before the leadership changes: the layers above
 * lib/rocketmq (the console) test against real JVMs without starting a lab of their own. `pushConsumer` runs the
 * message suite's push-consumer story (by default where no console suite runs: the console's covers it).
 */
export function describeDledgerGroup(
  version: RocketmqRelease,
  portBase: number,
  suites: ((context: GroupSuiteContext) => void)[] = [],
  { pushConsumer = suites.length === 0 }: { pushConsumer?: boolean } = {},
) {
  describe(`RocketMQ ${version}: a NameServer and a 3-node DLedger group`, () => {
    // Per process: two test runs in one checkout (several engineers, or a run and a rerun) must not meet.
    const instance = `test-${version}-${process.pid}`;
    // Generous: two labs and other suites share two cores; a slow reply is load, not a failure.
    const rocketmq = createRocketmqClient({ timeoutMs: 5000 });
    let lab: RocketmqLab;
    let group: ReturnType<typeof labGroup>;
    const agreed = () => eventually("agreement on a leader", 30_000, () => group.agreedLeader());

    beforeAll(async () => {
      lab = await rocketmqLabUp({ version, instance, portBase, searchPorts: true, ownedByThisProcess: true });
      group = labGroup(rocketmq, lab);
      console.info(
        `[${version}] JVM start (spawn → "boot success"): namesrv ${lab.namesrv.startMs} ms, ` +
          lab.nodes.map((n) => `${n.selfId} ${n.startMs} ms`).join(", "),
      );
      await group.ready();
    }, 300_000);

    afterAll(async () => {
      await rocketmq.close();
      await rocketmqLabDown({ instance, remove: true });
    }, 60_000);

    it("lists the group in the NameServer with exactly one leader (brokerId 0) and two followers", async () => {
      const { leaderId } = await agreed();
      const followers = group.allIds().filter((id) => id !== leaderId);
      expect(await group.members()).toEqual(
        [
          { brokerId: 0, address: group.nodeOf(leaderId).brokerAddress },
          // A DLedger follower nX registers as brokerId X + 1.
          ...followers.map((id) => ({ brokerId: Number(id.slice(1)) + 1, address: group.nodeOf(id).brokerAddress })),
        ].sort((a, b) => a.brokerId - b.brokerId),
      );
    }, 60_000);

    it("gets the same leader and term from all three members over the DLedger port", async () => {
      const { leaderId, term, states } = await agreed();
      expect(term).toBeGreaterThanOrEqual(1);
      expect(states.map((s) => s.role).sort()).toEqual(["follower", "follower", "leader"]);
      const peers = Object.fromEntries(lab.nodes.map((n) => [n.selfId, n.dledgerAddress]));
      for (const state of states) expect(state).toMatchObject({ group: lab.group, leaderId, term, peers });
    }, 60_000);

    it("reads the NameServer's config and a topic route, and each broker's runtime info and config", async () => {
      const namesrvConfig = await rocketmq.getNamesrvConfig(lab.namesrv.address);
      expect(namesrvConfig.listenPort).toBe(String(lab.portBase));
      const route = await eventually("the default topic's route", 30_000, () => rocketmq.getTopicRoute(lab.namesrv.address, "TBW102"));
      expect(route.brokerGroups[0]).toMatchObject({ brokerName: lab.group, cluster: lab.cluster });
      await expect(rocketmq.getTopicRoute(lab.namesrv.address, "NoSuchTopic")).rejects.toMatchObject({ kind: "remote", remoteCode: 17 });

      const { leaderId } = await agreed();
      for (const node of lab.nodes) {
        // 4.9.7 answers SYSTEM_ERROR (NoSuchElementException in its stats) until it has taken its first TPS sample.
        const runtime = await eventually(`${node.selfId}'s runtime info`, 30_000, () => rocketmq.getBrokerRuntimeInfo(node.brokerAddress));
        expect(runtime.version).toBe(`V${version.replaceAll(".", "_")}`);
        // 5.5 stopped sending the ordinal (brokerVersion); brokerVersionDesc stays.
        expect([ROCKETMQ_RELEASES[version].mqVersionOrdinal, null]).toContain(runtime.versionOrdinal);
        expect(runtime.bootTimestamp).toBeGreaterThan(Date.now() - 15 * 60_000);
        expect(runtime.commitLogDiskRatio).toBeGreaterThanOrEqual(0);
        const config = await rocketmq.getBrokerConfig(node.brokerAddress);
        expect(config).toMatchObject({ dLegerSelfId: node.selfId, dLegerGroup: lab.group, enableDLegerCommitLog: "true" });
        expect(config.brokerRole).toBe(node.selfId === leaderId ? "SYNC_MASTER" : "SLAVE");
      }
    }, 90_000);

    // Before the leadership changes below: these write to the leader the lab elected.
    const context: GroupSuiteContext = { version, rocketmq, lab: () => lab, group: () => group };
    describeTopicsAndGroups(context);
    describeMessages(context, pushConsumer);
    for (const suite of suites) suite(context);

    it("hands leadership to a follower with LEADERSHIP_TRANSFER", async () => {
      const before = await agreed();
      const transfereeId = group.allIds().find((id) => id !== before.leaderId) as string;
      await rocketmq.transferDledgerLeadership(group.nodeOf(before.leaderId).dledgerAddress, {
        group: lab.group,
        leaderId: before.leaderId,
        transfereeId,
        term: before.term,
      });
      const after = await eventually("the transferee to lead", 30_000, async () => {
        const leader = await group.agreedLeader();
        return leader?.leaderId === transfereeId ? leader : undefined;
      });
      expect(after.term).toBeGreaterThan(before.term);
      await eventually("the NameServer to list the transferee as brokerId 0", 60_000, async () => {
        const master = (await group.members()).find((m) => m.brokerId === 0);
        return master?.address === group.nodeOf(transfereeId).brokerAddress ? true : undefined;
      });
    }, 120_000);

    it("elects a new leader when the leader's JVM dies, and the old leader rejoins as a follower", async () => {
      const crash = await group.crashLeader();
      const { dledgerFirstReportMs, dledgerAgreedMs, namesrvMs } = crash.delays;
      console.info(
        `[${version}] leader ${crash.oldLeader} killed: new leader ${crash.elected.leaderId} (term ${crash.elected.term}) ` +
          `reported over DLedger after ${dledgerFirstReportMs} ms (survivors agree after ${dledgerAgreedMs} ms), ` +
          `listed as brokerId 0 by the NameServer after ${namesrvMs} ms`,
      );
      expect(crash.elected.term).toBeGreaterThan(crash.before.term);
      expect(crash.master.address).toBe(group.nodeOf(crash.elected.leaderId).brokerAddress);
      const refused = await rocketmq
        .getDledgerMetadata(group.nodeOf(crash.oldLeader).dledgerAddress, group.memberOf(crash.oldLeader))
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RocketmqConnectionError);

      const rejoined = await group.rejoin(crash.oldLeader, crash.elected.leaderId);
      console.info(`[${version}] ${crash.oldLeader} restarted: follower of ${rejoined.leaderId} after ${rejoined.ms} ms`);
      expect(rejoined.states.find((s) => s.selfId === crash.oldLeader)?.role).toBe("follower");
    }, 300_000);
  });
}
