/**
 * npm run bench:rocketmq -- [--version 4.9.3] [--iterations 2000] [--no-failover]
 *
 * Brings up a lab group (instance "bench", ports 23000+), then prints: distribution fetch time,
 * JVM start times, admin-call latency p50/p99 on loopback, and a leader crash's election delay as
 * DLedger and the NameServer report it. Stops every JVM it started.
 */
import { parseArgs } from "node:util";
import { rocketmqLabDown, rocketmqLabUp } from "../lib/testing/lab/rocketmq";
import { createRocketmqClient, type RocketmqClient } from "../lib/rocketmq";
import { eventually, labGroup } from "../lib/rocketmq/testing/lab-group";
import { DEFAULT_ROCKETMQ_VERSION, isPinnedRocketmqVersion } from "../lib/rocketmq/versions";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";

const INSTANCE = "bench";
const PORT_BASE = 23_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency(name: string, iterations: number, call: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(200, iterations); i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(3)} ms`.padStart(10);
  console.log(
    `  ${name.padEnd(28)} p50 ${fmt(percentile(samples, 50))}  p99 ${fmt(percentile(samples, 99))}  max ${fmt(samples.at(-1) ?? 0)}`,
  );
}

async function benchCalls(rocketmq: RocketmqClient, group: ReturnType<typeof labGroup>, namesrv: string, iterations: number) {
  const leader = await eventually("agreement on a leader", 30_000, () => group.agreedLeader());
  const node = group.nodeOf(leader.leaderId);
  const member = group.memberOf(leader.leaderId);
  console.log(`admin calls on loopback, ${iterations} sequential calls each (after warm-up):`);
  await latency("getClusterInfo", iterations, () => rocketmq.getClusterInfo(namesrv));
  await latency("getTopicRoute", iterations, () => rocketmq.getTopicRoute(namesrv, "TBW102"));
  await latency("getBrokerRuntimeInfo", iterations, () => rocketmq.getBrokerRuntimeInfo(node.brokerAddress));
  await latency("getBrokerConfig", iterations, () => rocketmq.getBrokerConfig(node.brokerAddress));
  await latency("getDledgerMetadata", iterations, () => rocketmq.getDledgerMetadata(node.dledgerAddress, member));
  await latency("getDledgerMemberState", iterations, () => rocketmq.getDledgerMemberState(node.dledgerAddress, member));
  const started = performance.now();
  await Promise.all(Array.from({ length: iterations }, () => rocketmq.getClusterInfo(namesrv)));
  console.log(`  ${iterations} getClusterInfo in flight at once on one connection: ${Math.round(performance.now() - started)} ms`);
}

async function main() {
  const { values } = parseArgs({
    options: { version: { type: "string" }, iterations: { type: "string" }, "no-failover": { type: "boolean" } },
  });
  const version = values.version ?? DEFAULT_ROCKETMQ_VERSION;
  if (!isPinnedRocketmqVersion(version)) throw new Error(`RocketMQ ${version} is not pinned (lib/rocketmq/versions.ts)`);
  const iterations = Number(values.iterations ?? 2000);

  const dist = await ensureRocketmqDistribution(version);
  console.log(`RocketMQ ${version}: distribution ${dist.assembled ? "assembled" : "from cache"} in ${dist.durationMs} ms`);

  const rocketmq = createRocketmqClient({ timeoutMs: 5000 });
  try {
    const upStarted = performance.now();
    const lab = await rocketmqLabUp({ version, instance: INSTANCE, portBase: PORT_BASE, searchPorts: true, ownedByThisProcess: true });
    const group = labGroup(rocketmq, lab);
    console.log(
      `JVM start (spawn → "boot success"): namesrv ${lab.namesrv.startMs} ms, ` +
        `${lab.nodes.map((n) => `${n.selfId} ${n.startMs} ms`).join(", ")} (nodes start in parallel)`,
    );
    await group.ready();
    console.log(`lab up to a registered leader: ${Math.round(performance.now() - upStarted)} ms`);

    await benchCalls(rocketmq, group, lab.namesrv.address, iterations);

    if (!values["no-failover"]) {
      const crash = await group.crashLeader();
      console.log(
        `leader ${crash.oldLeader} SIGKILLed: first survivor reports ${crash.elected.leaderId} after ${crash.delays.dledgerFirstReportMs} ms, ` +
          `both agree after ${crash.delays.dledgerAgreedMs} ms; NameServer lists it as brokerId 0 after ${crash.delays.namesrvMs} ms`,
      );
      const rejoined = await group.rejoin(crash.oldLeader, crash.elected.leaderId);
      console.log(`${crash.oldLeader} restarted and following ${rejoined.leaderId} after ${rejoined.ms} ms`);
    }
  } finally {
    await rocketmq.close();
    await rocketmqLabDown({ instance: INSTANCE, remove: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench:rocketmq failed: ${error.message}`);
  process.exitCode = 1;
});
