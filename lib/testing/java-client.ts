/**
 * The real Apache RocketMQ Java client (rocketmq-client of the assembled distribution), for tests that
 * count messages end to end: a producer that retries every message until acked, a consumer that reads
 * a whole topic from offset 0, a consumer group that commits part of a topic and stays connected, and a
 * push consumer group as applications run one. The Java side is lib/testing/java/ (main class
 * RmqTestClient), compiled once per source and version into .cache/java-client/.
 *
 *   await createTopic({ namesrv, cluster, topic });
 *   const producer = await startProducer({ namesrv, topic });
 *   …restart brokers…
 *   const produced = await producer.stop();
 *   const consumed = await consumeAll({ namesrv, topic, expected: produced });
 *
 * produceMessages sends `count` messages and lists, per acked message, what the client got back:
 *
 *   const { messages } = await produceMessages({ namesrv, topic, count: 8, keyPrefix: "order-", tags: "paid",
 *     bodies: ["text", "json", "binary", "large"] });
 *   messages[3]  // { key: "order-3", msgId (UNIQ_KEY, 32 hex), offsetMsgId, brokerName, queueId, queueOffset,
 *                //   bodyKind: "large", bodyBytes: 10000, bodySha256, sentAt } ("large" is over the client's
 *                //   4 KiB threshold: stored compressed); bodies up to 1 KiB also come whole as bodyBase64.
 *   expectedBody("binary", 2)  // the exact bytes message 2 of kind "binary" carried
 *
 * Consumer groups: startGroupConsumer, in one of two modes. Both report every message as it arrives in
 * `received` (key, topic, brokerName, queueId, queueOffset, reconsumeTimes, msgId, offsetMsgId, tags,
 * properties, the body's size and sha256, and for push `dlq`); `waitFor` resolves once messages match:
 *
 *   // pull: reads at most perQueue messages from the start of each queue, commits there, stays connected
 *   const consumer = await startGroupConsumer({ namesrv, topic, group, perQueue: 2 });
 *   …read the group's lag and connections…
 *   await consumer.stop();
 *
 *   // push: consumes everything (a new group from the first message), commits as it goes, follows an
 *   // offset reset the broker pushes; keys matching dlqKeys go straight to %DLQ%<group>
 *   const consumer = await startGroupConsumer({ namesrv, topic, group, mode: "push", dlqKeys: /^poison-/ });
 *   await consumer.waitFor((m) => m.key === "order-7", { timeoutMs: 20_000 });
 *   const mark = consumer.received.length;
 *   …reset the group's offset…
 *   const reread = await consumer.waitFor((m) => m.topic === topic, { after: mark, count: 8, timeoutMs: 30_000 });
 *   await consumer.stop();  // commits what it consumed and unregisters
 *
 * Plain Node (no server-only imports): usable from vitest, Playwright and scripts alike.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { ensureRocketmqDistribution } from "../rocketmq/distribution/assemble";
import { DEFAULT_ROCKETMQ_VERSION, type RocketmqRelease } from "../rocketmq/versions";

const run = promisify(execFile);

const SOURCES = fileURLToPath(new URL("./java", import.meta.url));
const CACHE_DIR = fileURLToPath(new URL("../../.cache/java-client", import.meta.url));
const MAIN_CLASS = "RmqTestClient";
/** Stands for the run's result file in the arguments given to startJvm. */
const RESULT_FILE = "<result file>";
// Small and quick to start: the lab's broker JVMs share two cores with the test.
const JVM_OPTIONS = ["-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"];

export interface ProduceSummary {
  sent: number;
  acked: number;
  gaveUp: number;
  /** Keys are k-0 .. k-(sent-1); these are the ones not acked within the per-message deadline. */
  gaveUpKeys: string[];
  /** Attempts that did not end in SEND_OK, over all messages. */
  failedAttempts: number;
  /** Longest time from a message's first failed attempt to its eventual SEND_OK. */
  longestOutageMs: number;
  durationMs: number;
}

/** What the Java side makes bodies of (lib/testing/java/Bodies.java). "seq" ("seq=<n>") is the default. */
export type BodyKind = "seq" | "text" | "json" | "binary" | "large";

/** A message as produceMessages' producer sent it and the broker acked it. */
export interface ProducedMessage {
  key: string;
  /** The client's unique id (UNIQ_KEY property, MessageClientIDSetter): 32 hex digits. */
  msgId: string;
  /** The broker's id: store host and commit-log offset, 32 hex digits. */
  offsetMsgId: string;
  brokerName: string;
  queueId: number;
  queueOffset: number;
  bodyKind: BodyKind;
  /** When the send was acked, ms since the epoch (the store time is a little earlier). */
  sentAt: number;
  bodyBytes: number;
  bodySha256: string;
  /** Bodies of at most 1 KiB, whole. */
  bodyBase64?: string;
}

export interface ProduceResult extends ProduceSummary {
  /** Acked messages in the order sent. */
  messages: ProducedMessage[];
}

export interface ConsumeSummary {
  received: number;
  distinctKeys: number;
  duplicates: number;
  queues: number;
  pullErrors: number;
  /** Acked keys of `expected` that were not read; empty when no `expected` was given. */
  missingKeys: string[];
  durationMs: number;
}

export interface JavaProducer {
  pid: number;
  /** Asks for a graceful stop (the message in flight still finishes) and returns the summary. */
  stop(options?: { timeoutMs?: number }): Promise<ProduceSummary>;
}

export class JavaClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JavaClientError";
  }
}

interface CompiledClient {
  home: string;
  classpath: string;
}

const compiled = new Map<RocketmqRelease, Promise<CompiledClient>>();

/** Compiles lib/testing/java/*.java against the distribution's jars, once per source and version. */
export function prepareJavaClient(version: RocketmqRelease = DEFAULT_ROCKETMQ_VERSION): Promise<CompiledClient> {
  let client = compiled.get(version);
  if (!client) {
    client = compile(version);
    compiled.set(version, client);
    client.catch(() => compiled.delete(version));
  }
  return client;
}

async function compile(version: RocketmqRelease): Promise<CompiledClient> {
  const { home } = await ensureRocketmqDistribution(version);
  const libs = path.join(home, "lib", "*");
  const sources = (await readdir(SOURCES))
    .filter((name) => name.endsWith(".java"))
    .sort()
    .map((name) => path.join(SOURCES, name));
  const hash = createHash("sha256").update(version);
  for (const source of sources) hash.update(`\0${path.basename(source)}\0`).update(await readFile(source));
  const classes = path.join(CACHE_DIR, hash.digest("hex").slice(0, 16));
  if (!existsSync(path.join(classes, `${MAIN_CLASS}.class`))) {
    await mkdir(CACHE_DIR, { recursive: true });
    // Built aside and renamed into place: two test runs compiling at once never see half a folder.
    const staging = await mkdtemp(path.join(CACHE_DIR, ".build-"));
    try {
      await run("javac", ["-cp", libs, "-d", staging, ...sources]);
      await rename(staging, classes).catch(async (error) => {
        if (!existsSync(path.join(classes, `${MAIN_CLASS}.class`))) throw error;
      });
    } catch (error) {
      throw new JavaClientError(`javac could not compile ${SOURCES}: ${(error as { stderr?: string }).stderr || String(error)}`);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return { home, classpath: [classes, libs].join(path.delimiter) };
}

/**
 * Creates (or updates) a topic on every master of `cluster` with the distribution's bin/mqadmin.
 * mqadmin exits 0 even on failure, so success is its "create topic to … success" line. A DLedger group
 * registers with the NameServer only once it has a leader: until then the cluster is unknown, and we retry.
 */
export async function createTopic(options: {
  namesrv: string;
  cluster: string;
  topic: string;
  queues?: number;
  version?: RocketmqRelease;
  timeoutMs?: number;
}): Promise<void> {
  const { namesrv, cluster, topic, queues = 4, version = DEFAULT_ROCKETMQ_VERSION, timeoutMs = 180_000 } = options;
  const { home } = await prepareJavaClient(version);
  const args = ["updateTopic", "-n", namesrv, "-c", cluster, "-t", topic, "-r", String(queues), "-w", String(queues)];
  // mqadmin's calls time out after 5 s, counted from before its cold JVM has loaded netty: on a loaded
  // machine a quick start (C1 only, one GC thread, as the lab's JVMs) decides whether an attempt succeeds.
  const env = {
    ...process.env,
    ROCKETMQ_HOME: home,
    ROCKETMQ_LOG_DIR: path.join(CACHE_DIR, "mqadmin-logs"),
    JAVA_OPT_EXT: `-XX:TieredStopAtLevel=1 -XX:ParallelGCThreads=1 -XX:ConcGCThreads=1 ${process.env.JAVA_OPT_EXT ?? ""}`,
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout, stderr } = await run(path.join(home, "bin", "mqadmin"), args, { env, timeout: 120_000 }).catch(
      (error: { stdout?: string; stderr?: string; message: string }) => ({
        stdout: error.stdout ?? "",
        stderr: error.stderr || error.message,
      }),
    );
    if (/create topic to \S+ success/.test(stdout)) return;
    if (Date.now() > deadline) {
      const said = `${stdout}\n${stderr}`.trim().split("\n").slice(0, 10).join("\n");
      throw new JavaClientError(
        `mqadmin could not create topic ${topic} in cluster ${cluster} at ${namesrv} within ${timeoutMs} ms:\n${said}`,
      );
    }
    await sleep(1_000);
  }
}

/**
 * Starts a producer JVM sending one message at a time (`rate` a second at most) until stopped.
 * Each message is retried until SEND_OK or `messageDeadlineMs`. `pollNameServerIntervalMs` is the
 * client's route refresh (its default is 30 s, which bounds how soon it finds a new leader).
 */
export async function startProducer(options: {
  namesrv: string;
  topic: string;
  rate?: number;
  messageDeadlineMs?: number;
  pollNameServerIntervalMs?: number;
  version?: RocketmqRelease;
  onLine?: (line: string) => void;
}): Promise<JavaProducer> {
  const { namesrv, topic, rate = 50, messageDeadlineMs = 60_000, version = DEFAULT_ROCKETMQ_VERSION } = options;
  const args = ["produce", namesrv, topic, "0", RESULT_FILE, "--rate", String(rate), "--deadline-ms", String(messageDeadlineMs)];
  if (options.pollNameServerIntervalMs !== undefined) args.push("--poll-namesrv-ms", String(options.pollNameServerIntervalMs));
  const jvm = await startJvm(version, [...args, "--stdin-control"], options.onLine);
  await jvm.ready(90_000);

  return {
    pid: jvm.child.pid as number,
    async stop({ timeoutMs = messageDeadlineMs + 20_000 } = {}) {
      if (jvm.child.exitCode === null) jvm.child.stdin?.end("stop\n");
      return jvm.result<ProduceSummary>(timeoutMs);
    },
  };
}

/**
 * Reads every message of `topic` from offset 0 of each queue until `idleMs` pass without a new one,
 * or, given the producer's summary, as soon as every acked key has been read.
 */
export async function consumeAll(options: {
  namesrv: string;
  topic: string;
  idleMs?: number;
  expected?: ProduceSummary;
  version?: RocketmqRelease;
  timeoutMs?: number;
  onLine?: (line: string) => void;
}): Promise<ConsumeSummary> {
  const { namesrv, topic, idleMs = 5_000, expected, version = DEFAULT_ROCKETMQ_VERSION, timeoutMs = 120_000 } = options;
  const args = ["consume", namesrv, topic, String(idleMs), RESULT_FILE, "--stdin-control"];
  const jvm = await startJvm(version, args, options.onLine, expected);
  const summary = await jvm.result<Omit<ConsumeSummary, "missingKeys"> & { missingKeys?: string[] }>(timeoutMs);
  return { ...summary, missingKeys: summary.missingKeys ?? [] };
}

/** The exact bytes produceMessages sent as message `seq` of body kind `kind` (the Java side's Bodies.of). */
export function expectedBody(kind: BodyKind, seq: number): Buffer {
  switch (kind) {
    case "seq":
      return Buffer.from(`seq=${seq}`, "utf8");
    case "text":
      return Buffer.from(`message ${seq} — 消息 ✓`, "utf8");
    case "json":
      return Buffer.from(`{"seq":${seq},"kind":"json","items":[1,2,3],"note":"订单"}`, "utf8");
    case "binary":
      return Buffer.from(Array.from({ length: 256 }, (_, i) => (i + seq) & 0xff));
    case "large": {
      let text = "";
      while (text.length < 10_000) text += `large body ${seq} line ${text.length}\n`;
      return Buffer.from(text.slice(0, 10_000), "utf8");
    }
  }
}

/**
 * Sends `count` keyed messages (`keyPrefix` + 0 …, default k-0 …), one at a time, each retried until acked,
 * with `tags` (default "rmq-panel-test") and bodies of the given kinds in turn (default "seq"); resolves with
 * the summary and what the client got back for each acked message.
 */
export async function produceMessages(options: {
  namesrv: string;
  topic: string;
  count: number;
  keyPrefix?: string;
  tags?: string;
  bodies?: BodyKind[];
  version?: RocketmqRelease;
  timeoutMs?: number;
}): Promise<ProduceResult> {
  const { namesrv, topic, count, version = DEFAULT_ROCKETMQ_VERSION, timeoutMs = 120_000 } = options;
  // No pacing: the run is short, and a test waits for it.
  const args = ["produce", namesrv, topic, String(count), RESULT_FILE, "--rate", "10000", "--record", "--stdin-control"];
  if (options.keyPrefix !== undefined) args.push("--key-prefix", options.keyPrefix);
  if (options.tags !== undefined) args.push("--tags", options.tags);
  if (options.bodies?.length) args.push("--bodies", options.bodies.join(","));
  const jvm = await startJvm(version, args);
  return jvm.result<ProduceResult>(timeoutMs);
}

const receivedMessageSchema = z.object({
  key: z.string().nullable(),
  /** The original topic: a message redelivered from %RETRY%<group> reports the topic named by its RETRY_TOPIC property. */
  topic: z.string(),
  brokerName: z.string().nullable(),
  queueId: z.number().int(),
  queueOffset: z.number().int(),
  reconsumeTimes: z.number().int(),
  /** The unique id (UNIQ_KEY) when the message has one, else the offset id. */
  msgId: z.string(),
  offsetMsgId: z.string().nullable(),
  tags: z.string().nullable(),
  properties: z.record(z.string(), z.string()),
  bodyBytes: z.number().int(),
  bodySha256: z.string(),
  bodyBase64: z.string().optional(),
  /** Push mode: the key matched dlqKeys and the message was failed straight into the dead-letter queue. */
  dlq: z.boolean().default(false),
});

/** A received message, with when this process read its line (ms since the epoch). */
export type ReceivedMessage = z.output<typeof receivedMessageSchema> & { receivedAt: number };

export interface GroupConsumerSummary {
  /** The client id brokers list the connection under ("ip@instance"). */
  clientId: string;
  /** Pull mode, per queue, sorted by broker name and queue id: messages read and the offset committed after them. Push: empty. */
  queues: { brokerName: string; queueId: number; read: number; committedOffset: number }[];
  /** Push mode: the queues of the topic the rebalance gave this client when it was ready. Pull: empty. */
  assigned: { brokerName: string; queueId: number }[];
}

export interface GroupConsumer {
  pid: number;
  summary: GroupConsumerSummary;
  /** Every message received so far, in arrival order; grows as messages arrive. */
  received: readonly ReceivedMessage[];
  /**
   * Resolves with the messages received at index `after` (default 0) or later that match, once there are
   * `count` (default 1) of them; fails after `timeoutMs` (default 30 s) naming what did arrive, or when the JVM ends.
   */
  waitFor(
    predicate: (message: ReceivedMessage) => boolean,
    options?: { after?: number; count?: number; timeoutMs?: number },
  ): Promise<ReceivedMessage[]>;
  /** Disconnects the consumer (the broker drops its connection; push mode commits first) and waits for the JVM to exit. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

interface GroupConsumerCommon {
  namesrv: string;
  topic: string;
  group: string;
  version?: RocketmqRelease;
  timeoutMs?: number;
}

/** Pull mode: reads at most `perQueue` messages from the start of each queue and commits the offset it reached. */
interface PullGroupOptions extends GroupConsumerCommon {
  mode?: "pull";
  perQueue: number;
}

/** Push mode: an application's consumer. */
interface PushGroupOptions extends GroupConsumerCommon {
  mode: "push";
  /** Messages whose whole key matches go straight to %DLQ%<group> (RECONSUME_LATER, delay level -1). A Java regex. */
  dlqKeys?: RegExp | string;
  /** Where a group without a committed offset starts; default "first". */
  from?: "first" | "last";
}

/**
 * Starts consumer group `group` on `topic` and resolves once the brokers know its connection. Pull mode
 * (`perQueue`): reads at most `perQueue` messages from the start of each queue, commits the offset it reached
 * (synchronously, known to the broker when this resolves) and stays connected until stop(); it ignores an
 * offset reset. Push mode (`mode: "push"`): consumes the topic and the group's retry topic as an application
 * does, committing every second and at stop(), following offset resets; ready once the rebalance gave it queues.
 */
export async function startGroupConsumer(options: PullGroupOptions | PushGroupOptions): Promise<GroupConsumer> {
  const { namesrv, topic, group, version = DEFAULT_ROCKETMQ_VERSION, timeoutMs = 90_000 } = options;
  const args =
    options.mode === "push"
      ? ["consume-push", namesrv, topic, group, RESULT_FILE, "--from", options.from ?? "first", "--stdin-control"]
      : ["consume-group", namesrv, topic, group, String(options.perQueue), RESULT_FILE, "--stdin-control"];
  if (options.mode === "push" && options.dlqKeys !== undefined) {
    args.push("--dlq-keys", typeof options.dlqKeys === "string" ? options.dlqKeys : options.dlqKeys.source);
  }

  const received: ReceivedMessage[] = [];
  const waiters = new Set<() => void>();
  const onLine = (line: string) => {
    if (!line.startsWith("received ")) return;
    const parsed = receivedMessageSchema.parse(JSON.parse(line.slice("received ".length)));
    received.push({ ...parsed, receivedAt: Date.now() });
    for (const wake of waiters) wake();
  };
  const jvm = await startConsumerJvm(version, args, onLine, timeoutMs);
  const summary = await jvm.resultSoFar<Omit<GroupConsumerSummary, "assigned"> & { assigned?: GroupConsumerSummary["assigned"] }>();

  function waitFor(
    predicate: (message: ReceivedMessage) => boolean,
    { after = 0, count = 1, timeoutMs: waitMs = 30_000 }: { after?: number; count?: number; timeoutMs?: number } = {},
  ): Promise<ReceivedMessage[]> {
    const matches = () => received.slice(after).filter(predicate);
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void) => {
        waiters.delete(check);
        clearTimeout(timer);
        jvm.child.removeListener("close", onClose);
        outcome();
      };
      const check = () => {
        const found = matches();
        if (found.length >= count) finish(() => resolve(found.slice(0, count)));
      };
      const failure = (why: string) => {
        const seen = received
          .slice(after)
          .map((m) => `${m.topic}/${m.queueId}@${m.queueOffset} ${m.key ?? "-"} (reconsume ${m.reconsumeTimes})`);
        return new JavaClientError(
          `${group}'s consumer ${why}: ${matches().length} of ${count} matching messages; received since #${after}: ${seen.join(", ") || "none"}`,
        );
      };
      const onClose = () => finish(() => reject(failure("exited")));
      const timer = setTimeout(() => finish(() => reject(failure(`waited ${waitMs} ms`))), waitMs);
      waiters.add(check);
      jvm.child.once("close", onClose);
      check();
    });
  }

  return {
    pid: jvm.child.pid as number,
    summary: { ...summary, assigned: summary.assigned ?? [] },
    received,
    waitFor,
    async stop({ timeoutMs: stopTimeoutMs = 20_000 } = {}) {
      if (jvm.child.exitCode === null) jvm.child.stdin?.end("stop\n");
      await jvm.result(stopTimeoutMs);
    },
  };
}

/**
 * A consumer JVM that exited before it was ready (on a loaded machine its first NameServer call can fail, and the
 * client gives up at start) is started once more: it had read nothing yet.
 */
async function startConsumerJvm(version: RocketmqRelease, args: string[], onLine: (line: string) => void, timeoutMs: number) {
  for (let attempt = 1; ; attempt++) {
    const jvm = await startJvm(version, args, onLine);
    try {
      await jvm.ready(timeoutMs);
      return jvm;
    } catch (error) {
      if (attempt >= 2 || jvm.child.exitCode === null) throw error;
    }
  }
}

interface RunningJvm {
  child: ChildProcess;
  /** Resolves when the JVM prints "ready" (the producer knows the topic's route); SIGKILL after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>;
  /** Waits for the JVM to exit (SIGKILL after `timeoutMs`) and reads its result file. */
  result<T>(timeoutMs: number): Promise<T>;
  /** The result file a JVM that is still running wrote before it printed "ready". */
  resultSoFar<T>(): Promise<T>;
}

/** Spawns the client in a fresh folder of its own: result file, the produce summary to expect, client logs. */
async function startJvm(
  version: RocketmqRelease,
  args: string[],
  onLine?: (line: string) => void,
  expected?: ProduceSummary,
): Promise<RunningJvm> {
  const { home, classpath } = await prepareJavaClient(version);
  const dir = await mkdtemp(path.join(tmpdir(), "rmq-java-client-"));
  const resultFile = path.join(dir, "result.json");
  const argv = args.map((arg) => (arg === RESULT_FILE ? resultFile : arg));
  if (expected) {
    await writeFile(path.join(dir, "expected.json"), JSON.stringify(expected));
    argv.push("--expect", path.join(dir, "expected.json"));
  }
  // The client's own log through slf4j into the distribution's tools logback config: one file in `dir`.
  const logging = [
    "-Drocketmq.client.logUseSlf4j=true",
    `-Dlogback.configurationFile=${path.join(home, "conf", "logback_tools.xml")}`,
    `-Drocketmq.logs.dir=${dir}`,
  ];
  const child = spawn("java", [...JVM_OPTIONS, ...logging, "-cp", classpath, MAIN_CLASS, ...argv], {
    cwd: dir,
    stdio: ["pipe", "pipe", "pipe"],
  });

  const output: string[] = [];
  let markReady = () => {};
  const readyLine = new Promise<void>((resolve) => (markReady = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      output.push(line);
      if (output.length > 200) output.shift();
      if (line === "ready") markReady();
      onLine?.(line);
    });
  }
  const failure = (what: string) =>
    new JavaClientError(`${args[0]} ${what}; files in ${dir}; last output:\n${output.slice(-30).join("\n")}`);
  // A stop written after the JVM ended fails with EPIPE: nothing to do then, the result says it all.
  child.stdin?.on("error", () => {});
  // No JVM outlives the test process: killed on a normal exit here, and with --stdin-control the JVM
  // halts by itself when its stdin closes (this process killed outright).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      process.removeListener("exit", killOnExit);
      resolve(code);
    });
  });
  exited.catch(() => {});

  const timedOut = Symbol("timeout");
  return {
    child,
    async ready(timeoutMs) {
      const outcome = await Promise.race([readyLine.then(() => "ready" as const), exited, sleep(timeoutMs, timedOut, { ref: false })]);
      if (outcome === "ready") return;
      child.kill("SIGKILL");
      throw failure(
        outcome === timedOut ? `was not ready within ${timeoutMs} ms (killed)` : `exited with ${String(outcome)} before it was ready`,
      );
    },
    async resultSoFar<T>(): Promise<T> {
      const text = await readFile(resultFile, "utf8").catch(() => null);
      if (text === null) throw failure("printed ready without writing its result");
      return JSON.parse(text) as T;
    },
    async result<T>(timeoutMs: number): Promise<T> {
      const code = await Promise.race([exited, sleep(timeoutMs, timedOut, { ref: false })]);
      if (code === timedOut) {
        child.kill("SIGKILL");
        await exited;
        throw failure(`did not finish within ${timeoutMs} ms (killed)`);
      }
      const text = await readFile(resultFile, "utf8").catch(() => null);
      if (code !== 0 || text === null) throw failure(`exited with ${String(code)} without a result`);
      await rm(dir, { recursive: true, force: true });
      return JSON.parse(text) as T;
    },
  };
}
