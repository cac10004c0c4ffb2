/**
 * `npm run bench:upgrade`: the rolling upgrade of a live cluster from RocketMQ 4.9.3 to 4.9.7 under a real Java
 * producer, as an operator runs it (a revision with the new version, applied through its reconcile plan). Prints the
 * job's total time and each step's, each node's downtime (the longest stretch its port did not answer, sampled every
 * 100 ms from outside), the producer's longest outage, and acked versus read-back counts. NameServers on h1 and h4,
 * one 3-node group on h3, h5, h6 (the restart benchmark's topology), brokers' default 30 s NameServer registration;
 * a throwaway embedded PostgreSQL with an in-process worker. Stops every JVM it started.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";
import { consumeAll, createTopic, startProducer } from "../lib/testing/java-client";
import { runLabBench } from "./lab-bench";

const INSTALL_DIR = "/opt/rmq-bench-upgrade";
const GROUP = "bench@broker";
const FROM = "4.9.3";
const TO = "4.9.7";
const JVM = "-Xms64m -Xmx128m -Xmn32m";

void runLabBench({ name: "upgrade", installDir: INSTALL_DIR, pick: (lab) => [lab[0], lab[3], lab[2], lab[4], lab[5]] }, async (hosts) => {
  await ensureRocketmqDistribution(TO, { log: (line) => console.error(line) });
  const { db } = await import("../lib/db");
  const { createUpgradeRevision, loadRevision } = await import("../lib/clusters");
  const { createDeployJob } = await import("../lib/deploy");
  const { labCluster, labInventory } = await import("../lib/deploy/testing/lab-cluster");
  const { nodeLayouts } = await import("../lib/nodes/layout");
  const { createOperationJob } = await import("../lib/operations");
  const { createRocketmqClient } = await import("../lib/rocketmq");

  const inventory = await labInventory(hosts);
  const { clusterId } = await labCluster(inventory, {
    name: "BenchUpgrade",
    installDir: INSTALL_DIR,
    nameServerHosts: hosts.slice(0, 2),
    groups: [{ brokerName: GROUP, hosts: hosts.slice(2) }],
    rocketmqVersion: FROM,
  });
  const finish = async (jobId: string) => {
    for (;;) {
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { position: "asc" } } } });
      if (job.state === "succeeded") return job;
      if (["failed", "cancelled", "interrupted"].includes(job.state)) throw new Error(`job ${job.title} ended ${job.state}: ${job.error}`);
      await sleep(200);
    }
  };
  await finish((await createDeployJob(inventory.actor, { clusterId, source: { kind: "upload" }, nameServerJvmOptions: JVM })).jobId);

  const namesrv = hosts
    .slice(0, 2)
    .map((h) => `${h.address}:9876`)
    .join(";");
  const topic = "BenchUpgradeTopic";
  await createTopic({ namesrv, cluster: "BenchUpgradeCluster", topic, queues: 4, version: TO });
  // Route refresh every second (the client's default is 30 s): how a producer is tuned for failovers.
  const producer = await startProducer({ namesrv, topic, rate: 50, pollNameServerIntervalMs: 1_000, version: TO });

  const { revision: upgraded } = await createUpgradeRevision(inventory.actor, clusterId, TO, `upgrade to ${TO}`);
  const next = await loadRevision({ clusterId, number: upgraded });
  const layouts = nodeLayouts(next.spec, next.files, JVM);

  // Each node's port, asked every 100 ms: a broker's runtime info, a NameServer's cluster info.
  const rocketmq = createRocketmqClient({ timeoutMs: 500 });
  // Every NameServer is labelled "NameServer :9876": they go by address.
  const nameOf = (l: (typeof layouts)[number]) => (l.kind === "namesrv" ? `NameServer ${l.address}` : l.label);
  const downtime = new Map(layouts.map((l) => [nameOf(l), { longest: 0, since: null as number | null }]));
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await Promise.all(
        layouts.map(async (layout) => {
          const ask = layout.kind === "broker" ? rocketmq.getBrokerRuntimeInfo(layout.address) : rocketmq.getClusterInfo(layout.address);
          const up = await ask.then(
            () => true,
            () => false,
          );
          const now = performance.now();
          const node = downtime.get(nameOf(layout))!;
          if (!up) node.since ??= now;
          else if (node.since !== null) {
            node.longest = Math.max(node.longest, now - node.since);
            node.since = null;
          }
        }),
      );
      await sleep(100);
    }
  })();

  const user = { ...inventory.actor, role: "admin" as const };
  const job = await finish(
    (await createOperationJob(user, clusterId, { action: "apply", revision: next.number, force: false, deleteData: false })).jobId,
  );
  sampling = false;
  await sampler;
  await rocketmq.close();
  const produced = await producer.stop();
  const consumed = await consumeAll({ namesrv, topic, idleMs: 10_000, expected: produced, version: TO });

  const total = (job.finishedAt!.getTime() - job.startedAt!.getTime()) / 1000;
  console.log(`upgrade: ${FROM} → ${TO} of 2 NameServers and one 3-node group, total ${total.toFixed(1)} s (job start to end)`);
  for (const step of job.steps) {
    const took = step.startedAt && step.finishedAt ? ((step.finishedAt.getTime() - step.startedAt.getTime()) / 1000).toFixed(1) : "-";
    console.log(`upgrade:   step ${step.title}: ${took} s`);
  }
  for (const [label, node] of downtime) console.log(`upgrade:   ${label} downtime ${(node.longest / 1000).toFixed(1)} s`);
  console.log(
    `upgrade: producer ${produced.acked} acked, ${produced.gaveUp} given up, ${produced.failedAttempts} failed attempts retried, longest outage ${produced.longestOutageMs} ms`,
  );
  console.log(
    `upgrade: consumer read back ${consumed.distinctKeys} distinct acked keys (${consumed.duplicates} duplicates), ${consumed.missingKeys.length} missing`,
  );
  if (consumed.missingKeys.length > 0)
    throw new Error(`acked messages were not read back: ${consumed.missingKeys.slice(0, 10).join(", ")}`);
});
