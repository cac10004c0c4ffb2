/**
 * The real RocketMQ Java client against the lab's NameServer and 3-node DLedger group: what a producing
 * application sees when the leader crashes and comes back, counted end to end by reading the topic back.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RocketmqLab, rocketmqLabDown, rocketmqLabUp } from "@/e2e/lab/rocketmq";
import { createRocketmqClient } from "@/lib/rocketmq";
import { eventually, labGroup } from "@/lib/rocketmq/testing/lab-group";
import { consumeAll, createTopic, prepareJavaClient, startProducer } from "./java-client";

// Port base 25000: apart from the real-JVM suites (21000, 22000), the benches and the e2e topology lab.
const PORT_BASE = 25_000;
const PRODUCE_FOR_MS = 10_000;

describe("the RocketMQ Java client against a 4.9.3 DLedger group", () => {
  // Per process: two test runs in one checkout must not meet.
  const instance = `java-client-${process.pid}`;
  const rocketmq = createRocketmqClient({ timeoutMs: 5000 });
  let lab: RocketmqLab;
  let group: ReturnType<typeof labGroup>;

  beforeAll(async () => {
    const compiling = prepareJavaClient("4.9.3");
    lab = await rocketmqLabUp({ version: "4.9.3", instance, portBase: PORT_BASE, searchPorts: true, ownedByThisProcess: true });
    group = labGroup(rocketmq, lab);
    await Promise.all([group.ready(), compiling]);
  }, 300_000);

  afterAll(async () => {
    await rocketmq.close();
    await rocketmqLabDown({ instance, remove: true });
  }, 60_000);

  it("a producer sending messages while the leader crashes and restarts loses none", async () => {
    const namesrv = lab.namesrv.address;
    const topic = `RmqPanelJavaClient_${Date.now()}`;
    const timings: Record<string, number> = {};
    const timed = async <T>(name: string, step: Promise<T>): Promise<T> => {
      const started = Date.now();
      const value = await step;
      timings[name] = Date.now() - started;
      return value;
    };
    await timed("createTopic", createTopic({ namesrv, cluster: lab.cluster, topic, queues: 4 }));

    let crashed = false;
    let recoveredAt: number | undefined;
    const onLine = (line: string) => {
      if (crashed && line.startsWith("recovered")) recoveredAt ??= Date.now();
    };
    const producer = await timed("startProducer", startProducer({ namesrv, topic, rate: 50, onLine }));
    const producing = Date.now();
    await sleep(3_000);
    crashed = true;
    const { oldLeader, elected, delays } = await group.crashLeader();
    const rejoined = await group.rejoin(oldLeader, elected.leaderId);
    // The producer finds the new leader at its next route refresh (every 30 s): keep sending a while after.
    await eventually("the producer to get a message through again", 90_000, async () => recoveredAt);
    await sleep(Math.max(0, producing + PRODUCE_FOR_MS - Date.now(), (recoveredAt as number) + 3_000 - Date.now()));
    const produced = await timed("stopProducer", producer.stop());
    const consumed = await timed("consumeAll", consumeAll({ namesrv, topic, idleMs: 5_000, expected: produced }));

    console.info(
      `[java client] leader ${oldLeader} SIGKILLed, ${elected.leaderId} elected in ${delays.dledgerAgreedMs} ms ` +
        `(NameServer ${delays.namesrvMs} ms), ${oldLeader} rejoined in ${rejoined.ms} ms; ` +
        `sent ${produced.sent}, acked ${produced.acked}, gave up ${produced.gaveUp}, failed attempts ${produced.failedAttempts}, ` +
        `longest outage ${produced.longestOutageMs} ms over ${produced.durationMs} ms; ` +
        `read ${consumed.received} (${consumed.distinctKeys} keys, ${consumed.duplicates} duplicates); ms: ${JSON.stringify(timings)}`,
    );
    expect(produced.gaveUp).toBe(0);
    // The crash reached the producer: sends to the dead leader failed and were retried.
    expect(produced.failedAttempts).toBeGreaterThan(0);
    expect(consumed.missingKeys).toEqual([]);
    expect(consumed.distinctKeys).toBe(produced.acked);
  }, 300_000);
});
