/**
 * The RocketMQ lab: one NameServer and one 3-node DLedger group as local JVMs on 127.0.0.1 (no SSH),
 * started with the assembled distribution's own bin/ scripts, for fast integration tests.
 *
 *   npm run lab -- rocketmq up [--version 4.9.3] [--instance cli] [--port-base 20000]
 *   npm run lab -- rocketmq status | down [--instance cli]
 *
 * Each instance lives in .lab/rocketmq/<instance>/ (confs, pidfiles, stores, logs, state.json) on
 * ports portBase .. portBase+42, so instances (e.g. one test file per version) never collide.
 * down stops exactly the pids this instance started, nothing else on the host.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { DEFAULT_ROCKETMQ_VERSION, isPinnedRocketmqVersion, ROCKETMQ_VERSIONS, type RocketmqRelease } from "../../rocketmq/versions";
import { dledgerBrokerConf } from "../../rocketmq/distribution/conf-files";
import { ensureRocketmqDistribution } from "../../rocketmq/distribution/assemble";
import { assertPortsFree, isRunning, tail, waitUntil } from "./processes";
import { LAB_DIR } from "./config";

const run = promisify(execFile);

export const ROCKETMQ_LAB_DIR = path.join(LAB_DIR, "rocketmq");
const GROUP = "LabGroup";
const CLUSTER = "LabCluster";
const SELF_IDS = ["n0", "n1", "n2"] as const;
/**
 * Small heaps: the whole group must fit a 2-core CI machine next to the other tests. Start time over
 * peak speed: C1 only and one GC thread roughly halve a busy machine's JVM start. TLS off: in the
 * default "permissive" mode every remoting server (NameServer, broker, DLedger port) generates a
 * self-signed certificate at start, 1-10 s of CPU each. RMQ_LAB_JVM_OPTS adds options (measurements).
 */
const LAB_JVM = [
  "-Dtls.server.mode=disabled -XX:TieredStopAtLevel=1 -XX:ParallelGCThreads=1 -XX:ConcGCThreads=1",
  process.env.RMQ_LAB_JVM_OPTS ?? "",
].join(" ");
const NAMESRV_HEAP = `-Xms64m -Xmx128m -Xmn32m ${LAB_JVM}`;
const BROKER_HEAP = `-Xms256m -Xmx256m -XX:MaxDirectMemorySize=256m ${LAB_JVM}`;
const BOOT_TIMEOUT_MS = 120_000;

export interface LabProcess {
  pid: number;
  pidfile: string;
  logDir: string;
  /** Spawn until the "boot success" line, in ms. */
  startMs: number;
}

export interface LabNode extends LabProcess {
  selfId: string;
  brokerAddress: string;
  dledgerAddress: string;
  conf: string;
  storeDir: string;
}

export interface RocketmqLab {
  instance: string;
  version: RocketmqRelease;
  home: string;
  dir: string;
  portBase: number;
  cluster: string;
  group: string;
  namesrv: LabProcess & { address: string; conf: string };
  nodes: LabNode[];
  /** Set for a lab owned by one process (a test file): once that process is gone, the next up stops it. */
  ownerPid?: number;
}

export interface RocketmqLabOptions {
  version?: RocketmqRelease;
  /** Folder name under .lab/rocketmq/; one lab per instance. */
  instance?: string;
  /** NameServer port; the brokers use portBase+8 .. portBase+42. */
  portBase?: number;
  /** Move up by 100 until the ports are free, instead of failing (labs of concurrent test runs). */
  searchPorts?: boolean;
  /** The lab belongs to this process; a later up stops it if this process died without bringing it down. */
  ownedByThisProcess?: boolean;
  log?: (line: string) => void;
}

const DEFAULT_INSTANCE = "cli";
const DEFAULT_PORT_BASE = 20_000;

const instanceDir = (instance: string) => path.join(ROCKETMQ_LAB_DIR, instance);
const stateFile = (instance: string) => path.join(instanceDir(instance), "state.json");

/** Starts the NameServer, then the three nodes in parallel; resolves when every JVM has booted. */
export async function rocketmqLabUp(options: RocketmqLabOptions = {}): Promise<RocketmqLab> {
  const instance = options.instance ?? DEFAULT_INSTANCE;
  const version = options.version ?? DEFAULT_ROCKETMQ_VERSION;
  const portBase = options.portBase ?? DEFAULT_PORT_BASE;
  const log = options.log ?? (() => {});
  await sweepAbandonedLabs();
  await rocketmqLabDown({ instance });

  const dist = await ensureRocketmqDistribution(version, { log });
  const dir = instanceDir(instance);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const lab = await planWithFreePorts(instance, version, dist.home, dir, portBase, options.searchPorts ?? false);
  if (options.ownedByThisProcess) lab.ownerPid = process.pid;
  await writeConfs(lab);
  // Recorded before anything starts, so a failed up can still be brought down.
  await saveState(lab);
  try {
    log(`starting NameServer ${lab.namesrv.address}`);
    Object.assign(lab.namesrv, await startProcess(lab, "mqnamesrv", lab.namesrv, NAMESRV_HEAP));
    await saveState(lab);
    log(`starting ${lab.nodes.length} DLedger nodes of ${GROUP}`);
    await Promise.all(lab.nodes.map((node) => startLabNode(lab, node.selfId)));
    return lab;
  } catch (error) {
    await rocketmqLabDown({ instance });
    throw error;
  }
}

/**
 * Stops the processes of one instance (default "cli"), SIGTERM then SIGKILL, and removes its stores;
 * its confs and logs stay for a look afterwards unless `remove`.
 */
export async function rocketmqLabDown(options: { instance?: string; remove?: boolean } = {}): Promise<void> {
  const instance = options.instance ?? DEFAULT_INSTANCE;
  const lab = await loadState(instance);
  if (lab) {
    await Promise.all([...lab.nodes, lab.namesrv].map((proc) => stopProcess(lab, proc)));
    await rm(path.join(lab.dir, "store"), { recursive: true, force: true });
    await rm(stateFile(instance), { force: true });
  }
  if (options.remove) await rm(instanceDir(instance), { recursive: true, force: true });
}

export async function rocketmqLabStatus(options: { instance?: string } = {}) {
  const lab = await loadState(options.instance ?? DEFAULT_INSTANCE);
  if (!lab) return null;
  const running = (proc: LabProcess) => proc.pid > 0 && isLabPid(lab, proc.pid);
  return {
    ...lab,
    namesrv: { ...lab.namesrv, running: running(lab.namesrv) },
    nodes: lab.nodes.map((node) => ({ ...node, running: running(node) })),
  };
}

/** Kills one node's JVM (SIGKILL by default: a crash, no shutdown hook) and waits until it is gone. */
export async function killLabNode(lab: RocketmqLab, selfId: string, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  const node = findNode(lab, selfId);
  if (node.pid > 0 && isLabPid(lab, node.pid)) process.kill(node.pid, signal);
  await waitUntil(() => !isRunning(node.pid), 30_000, `${selfId} (pid ${node.pid}) to exit`);
  node.pid = 0;
  await saveState(lab);
}

/** (Re)starts one node with its existing conf and store. */
export async function startLabNode(lab: RocketmqLab, selfId: string): Promise<LabNode> {
  const node = findNode(lab, selfId);
  Object.assign(node, await startProcess(lab, "mqbroker", node, BROKER_HEAP, ["-c", node.conf]));
  await saveState(lab);
  return node;
}

function findNode(lab: RocketmqLab, selfId: string): LabNode {
  const node = lab.nodes.find((n) => n.selfId === selfId);
  if (!node) throw new Error(`the lab has no node ${selfId}`);
  return node;
}

function planLab(instance: string, version: RocketmqRelease, home: string, dir: string, portBase: number): RocketmqLab {
  const proc = (name: string) => ({
    pid: 0,
    pidfile: path.join(dir, "run", `${name}.pid`),
    logDir: path.join(dir, "logs", name),
    startMs: 0,
  });
  return {
    instance,
    version,
    home,
    dir,
    portBase,
    cluster: CLUSTER,
    group: GROUP,
    namesrv: { ...proc("namesrv"), address: `127.0.0.1:${portBase}`, conf: path.join(dir, "conf", "namesrv.conf") },
    nodes: SELF_IDS.map((selfId, i) => ({
      ...proc(selfId),
      selfId,
      // listenPort - 2 (fast channel) and + 1 (HA) are taken too: keep brokers 10 apart.
      brokerAddress: `127.0.0.1:${portBase + 10 * (i + 1)}`,
      dledgerAddress: `127.0.0.1:${portBase + 40 + i}`,
      conf: path.join(dir, "conf", `broker-${selfId}.conf`),
      storeDir: path.join(dir, "store", selfId),
    })),
  };
}

async function planWithFreePorts(
  instance: string,
  version: RocketmqRelease,
  home: string,
  dir: string,
  portBase: number,
  search: boolean,
): Promise<RocketmqLab> {
  for (let attempt = 0; ; attempt++) {
    const lab = planLab(instance, version, home, dir, portBase + attempt * 100);
    try {
      await assertPortsFree(labPorts(lab));
      return lab;
    } catch (error) {
      if (!search || attempt >= 20) throw error;
    }
  }
}

/** Labs whose owning process died (a killed test run) would hold their ports and memory forever. */
async function sweepAbandonedLabs() {
  const instances = await readdir(ROCKETMQ_LAB_DIR).catch(() => [] as string[]);
  for (const instance of instances) {
    const lab = await loadState(instance).catch(() => null);
    if (lab?.ownerPid && !isRunning(lab.ownerPid)) await rocketmqLabDown({ instance, remove: true });
  }
}

function labPorts(lab: RocketmqLab): number[] {
  const port = (address: string) => Number(address.split(":")[1]);
  return [
    port(lab.namesrv.address),
    ...lab.nodes.flatMap((n) => [port(n.brokerAddress) - 2, port(n.brokerAddress), port(n.brokerAddress) + 1, port(n.dledgerAddress)]),
  ];
}

async function writeConfs(lab: RocketmqLab) {
  await mkdir(path.join(lab.dir, "conf"), { recursive: true });
  const namesrvDir = path.join(lab.dir, "store", "namesrv");
  await writeFile(
    lab.namesrv.conf,
    `listenPort=${lab.portBase}\nkvConfigPath=${namesrvDir}/kvConfig.json\nconfigStorePath=${namesrvDir}/namesrv.properties\n`,
  );
  const peers = lab.nodes.map((n) => `${n.selfId}-${n.dledgerAddress}`).join(";");
  for (const node of lab.nodes) {
    const conf = dledgerBrokerConf({
      clusterName: lab.cluster,
      group: lab.group,
      selfId: node.selfId,
      namesrvAddr: lab.namesrv.address,
      brokerIp: "127.0.0.1",
      listenPort: Number(node.brokerAddress.split(":")[1]),
      peers,
      storeRoot: node.storeDir,
      extra: {
        // Small files keep the lab's disk and page cache small: 64 MiB commit-log (DLedger data) files,
        // 1000-entry consume-queue files (20 bytes an entry).
        mappedFileSizeCommitLog: 64 * 1024 * 1024,
        mappedFileSizeConsumeQueue: 1000 * 20,
        sendMessageThreadPoolNums: 2,
        pullMessageThreadPoolNums: 4,
      },
    });
    await writeFile(node.conf, conf);
  }
}

async function startProcess(
  lab: RocketmqLab,
  script: "mqnamesrv" | "mqbroker",
  proc: LabProcess & { conf: string },
  heap: string,
  args: string[] = ["-c", proc.conf],
): Promise<LabProcess> {
  await mkdir(proc.logDir, { recursive: true });
  const out = path.join(proc.logDir, script === "mqnamesrv" ? "namesrv.out" : "broker.out");
  await rm(out, { force: true });
  const started = performance.now();
  await run(path.join(lab.home, "bin", script), [...args, "--pidfile", proc.pidfile], {
    env: { ...process.env, ROCKETMQ_HOME: lab.home, JAVA_OPT_EXT: heap, ROCKETMQ_LOG_DIR: proc.logDir, RMQ_START_GRACE: "0" },
  });
  const pid = Number(await readFile(proc.pidfile, "utf8"));
  await waitUntil(
    async () => {
      if (!isRunning(pid)) throw new Error(`${script} (pid ${pid}) exited during start:\n${await tail(out)}`);
      return (await readFile(out, "utf8").catch(() => "")).includes("boot success");
    },
    BOOT_TIMEOUT_MS,
    `${script} ${proc.pidfile} to boot`,
  );
  return { ...proc, pid, startMs: Math.round(performance.now() - started) };
}

async function stopProcess(lab: RocketmqLab, proc: LabProcess) {
  if (lab.home && existsSync(path.join(lab.home, "bin", "mqstop")) && existsSync(proc.pidfile)) {
    await run(path.join(lab.home, "bin", "mqstop"), ["--timeout", "3", proc.pidfile]).catch(() => {});
  }
  // The pidfile may be gone (a failed start) while the JVM lives: stop it by the recorded pid.
  if (proc.pid > 0 && isLabPid(lab, proc.pid)) {
    process.kill(proc.pid, "SIGKILL");
    await waitUntil(() => !isRunning(proc.pid), 10_000, `pid ${proc.pid} to exit`);
  }
}

/** Guards against a recycled pid: the process must be a JVM started from this lab's folder. */
function isLabPid(lab: RocketmqLab, pid: number): boolean {
  if (!isRunning(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.includes(lab.dir) && cmdline.includes("org.apache.rocketmq.");
  } catch {
    return false;
  }
}

let saving: Promise<void> = Promise.resolve();

/** Nodes start in parallel and each records its pid: one write at a time, each replacing the file whole. */
function saveState(lab: RocketmqLab): Promise<void> {
  const text = `${JSON.stringify(lab, null, 2)}\n`;
  const write = async () => {
    const tmp = `${stateFile(lab.instance)}.${process.pid}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, stateFile(lab.instance));
  };
  saving = saving.then(write, write);
  return saving;
}

async function loadState(instance: string): Promise<RocketmqLab | null> {
  const text = await readFile(stateFile(instance), "utf8").catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text) as RocketmqLab;
  } catch {
    return stateFromPidfiles(instance);
  }
}

/** An unreadable state.json must not strand JVMs: rebuild enough of it from run/*.pid to stop them. */
async function stateFromPidfiles(instance: string): Promise<RocketmqLab> {
  const dir = instanceDir(instance);
  const lab = planLab(instance, DEFAULT_ROCKETMQ_VERSION, "", dir, DEFAULT_PORT_BASE);
  for (const proc of [lab.namesrv, ...lab.nodes]) proc.pid = Number(await readFile(proc.pidfile, "utf8").catch(() => "0"));
  return lab;
}

const USAGE = `usage: npm run lab -- rocketmq up [--version ${ROCKETMQ_VERSIONS.join("|")}] [--instance NAME] [--port-base N] | status | down [--instance NAME]`;

/** `npm run lab -- rocketmq <up|down|status>`: up and status print JSON on stdout, progress on stderr. */
export async function rocketmqLabCli(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { version: { type: "string" }, instance: { type: "string" }, "port-base": { type: "string" } },
  });
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new Error(USAGE);
  const instance = values.instance ?? DEFAULT_INSTANCE;
  switch (command) {
    case "up": {
      const version = values.version ?? DEFAULT_ROCKETMQ_VERSION;
      if (!isPinnedRocketmqVersion(version)) throw new Error(`RocketMQ ${version} is not pinned. ${USAGE}`);
      const portBase = values["port-base"] === undefined ? undefined : Number(values["port-base"]);
      const started = Date.now();
      const lab = await rocketmqLabUp({ version, instance, portBase, log: (line) => console.error(line) });
      console.log(JSON.stringify(lab, null, 2));
      console.error(`rocketmq lab up (${version}) in ${Date.now() - started} ms`);
      return;
    }
    case "down":
      await rocketmqLabDown({ instance });
      console.error(`rocketmq lab ${instance} down`);
      return;
    case "status":
      console.log(JSON.stringify(await rocketmqLabStatus({ instance }), null, 2));
      return;
    default:
      throw new Error(USAGE);
  }
}
