/**
 * `npm run bench:restart`: how long one node's restart takes (follower, and leader in safe mode), and how long the
 * group cannot take writes when its leader restarts safely versus when the leader's JVM is simply killed.
 * "Cannot take writes" is measured every 50 ms from outside: no leader that a majority of the group follows, or
 * the NameServers not yet routing brokerId 0 to it. Same lab topology as the e2e spec: NameServers on h1 and h4,
 * one 3-node group on h3, h5, h6; a throwaway embedded PostgreSQL with an in-process worker. Stops every JVM it started.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { connectToLabHost } from "../lib/testing/lab/connect";
import { runLabBench } from "./lab-bench";

const INSTALL_DIR = "/opt/rmq-bench-restart";
const GROUP = "bench@broker";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

void runLabBench({ name: "restart", installDir: INSTALL_DIR, pick: (lab) => [lab[0], lab[3], lab[2], lab[4], lab[5]] }, async (hosts) => {
  const nameServerHosts = hosts.slice(0, 2);
  const groupHosts = hosts.slice(2);
  const { db } = await import("../lib/db");
  const { createDeployJob } = await import("../lib/deploy");
  const { nodeLayouts } = await import("../lib/nodes/layout");
  const { parseRevision } = await import("../lib/clusters");
  const { labCluster, labInventory } = await import("../lib/deploy/testing/lab-cluster");
  const { createOperationJob } = await import("../lib/operations");
  const { probeGroup, registrations } = await import("../lib/operations/live-group");
  const { agreedLeader } = await import("../lib/operations/safety");
  const { createRocketmqClient } = await import("../lib/rocketmq");

  const inventory = await labInventory(hosts);
  const { clusterId } = await labCluster(inventory, {
    name: "BenchRestart",
    installDir: INSTALL_DIR,
    nameServerHosts,
    groups: [{ brokerName: GROUP, hosts: groupHosts }],
  });
  const user = { ...inventory.actor, role: "admin" as const };

  const finish = async (jobId: string) => {
    for (;;) {
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      if (job.state === "succeeded") return (job.finishedAt!.getTime() - job.startedAt!.getTime()) / 1000;
      if (["failed", "cancelled", "interrupted"].includes(job.state)) throw new Error(`job ${job.title} ended ${job.state}: ${job.error}`);
      await sleep(100);
    }
  };
  await finish(
    (await createDeployJob(inventory.actor, { clusterId, source: { kind: "upload" }, nameServerJvmOptions: "-Xms64m -Xmx128m -Xmn32m" }))
      .jobId,
  );

  const cluster = await db.cluster.findUniqueOrThrow({ where: { id: clusterId }, include: { deployedRevision: true } });
  const revision = parseRevision(cluster.deployedRevision!);
  const layouts = nodeLayouts(revision.spec, revision.files, "");
  const rocketmq = createRocketmqClient({ timeoutMs: 500 });

  /** Writable = a leader the majority follows, and every answering NameServer routes brokerId 0 to it. */
  const writable = async () => {
    const members = await probeGroup(rocketmq, layouts, GROUP);
    const leader = agreedLeader(members);
    if (!leader) return null;
    const address = members.find((m) => m.selfId === leader)!.layout.address;
    const regs = [...(await registrations(rocketmq, revision.spec, GROUP)).values()].filter((r) => !(r instanceof Error)) as Map<
      number,
      string
    >[];
    return regs.length > 0 && regs.every((r) => r.get(0) === address) ? leader : null;
  };
  const leaderNow = async () => {
    for (;;) {
      const leader = await writable();
      if (leader) return leader;
      await sleep(200);
    }
  };
  /** Runs `work` while sampling every 50 ms; the longest stretch without a writable leader, in ms. */
  const unwritableDuring = async (work: () => Promise<void>) => {
    let running = true;
    let longest = 0;
    let since: number | null = null;
    const sampler = (async () => {
      while (running) {
        const ok = (await writable()) !== null;
        const now = performance.now();
        if (!ok) since ??= now;
        else if (since !== null) {
          longest = Math.max(longest, now - since);
          since = null;
        }
        await sleep(50);
      }
    })();
    await work();
    await leaderNow();
    running = false;
    await sampler;
    return Math.round(since === null ? longest : Math.max(longest, performance.now() - since));
  };
  const restart = async (selfId: string) =>
    finish(
      (await createOperationJob(user, clusterId, { action: "restart", target: { kind: "node", brokerName: GROUP, selfId }, force: false }))
        .jobId,
    );

  const follower: number[] = [];
  const leaderSafe: number[] = [];
  const safeWindow: number[] = [];
  const killWindow: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const leader = await leaderNow();
    const followerId = ["n0", "n1", "n2"].find((id) => id !== leader)!;
    follower.push(await restart(followerId));
    let seconds = 0;
    safeWindow.push(await unwritableDuring(async () => void (seconds = await restart(await leaderNow()))));
    leaderSafe.push(seconds);

    const victim = await leaderNow();
    const layout = layouts.find((l) => l.broker?.selfId === victim)!;
    const host = hosts.find((h) => h.address === layout.address.split(":")[0])!;
    killWindow.push(
      await unwritableDuring(async () => {
        const session = await connectToLabHost(host);
        await session.run("killing the leader's JVM", ["sh", "-c", 'kill -9 "$(cat "$1")"', "sh", layout.pidfile]);
        await session.close();
        await sleep(500);
      }),
    );
    await finish(
      (
        await createOperationJob(user, clusterId, {
          action: "start",
          target: { kind: "node", brokerName: GROUP, selfId: victim },
          force: false,
        })
      ).jobId,
    );
    console.error(
      `round ${round}: follower ${follower.at(-1)!.toFixed(1)} s, leader ${leaderSafe.at(-1)!.toFixed(1)} s, unwritable safe ${safeWindow.at(-1)} ms vs kill ${killWindow.at(-1)} ms`,
    );
  }
  const stats = (values: number[], unit: string, digits = 1) =>
    `median ${[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(digits)} ${unit}, max ${Math.max(...values).toFixed(digits)} ${unit} (n=${values.length})`;
  console.log(`restart: follower restart (job start to rejoined and caught up) ${stats(follower, "s")}`);
  console.log(`restart: leader restart in safe mode (handover, stop, start, rejoined) ${stats(leaderSafe, "s")}`);
  console.log(`restart: leader-unavailable window, safe mode ${stats(safeWindow, "ms", 0)}`);
  console.log(`restart: leader-unavailable window, plain kill -9 of the leader ${stats(killWindow, "ms", 0)}`);
  await rocketmq.close();
});
