import { existsSync } from "node:fs";
import { mkdir, readFile, readlink, rm, rmdir, stat } from "node:fs/promises";
import {
  BRIDGE,
  CLIENT_KEY,
  HOSTS_DIR,
  KEYS_DIR,
  LAB_DIR,
  LEASES_DIR,
  MAX_HOSTS,
  PRIVATE_DIRS,
  SUBNET_PREFIX,
  hostAddress,
  hostName,
  hostNetns,
} from "./config";
import {
  createBridge,
  createHostNetwork,
  deleteLink,
  deleteNetns,
  foreignUserOfSubnet,
  killNetnsProcesses,
  listLabLinks,
  listLabNetns,
} from "./network";
import { fingerprint, generateKey, hasJava, hostPaths, prepareHostFiles, readsBanner, startSshd, waitForSshd } from "./sshd";
import { type LabOwner, type LabState, type StateHost, readState, removeState, writeState } from "./state";
import { isAlive, run } from "./sys";
import type { LabHost } from "./hosts";

// The lab's moving parts. Callers hold the lab lock (state.ts) around every function here.

export function validateShape(count: number, noJava: number[]): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_HOSTS) {
    throw new Error(`--hosts must be an integer from 1 to ${MAX_HOSTS}, got ${count}`);
  }
  const bad = noJava.filter((k) => !Number.isInteger(k) || k < 1 || k > count);
  if (bad.length > 0) throw new Error(`--no-java ${bad.join(",")} is not a host of a ${count}-host lab (1..${count})`);
}

export async function checkPrerequisites(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error("The host lab needs root (network and mount namespaces).");
  for (const bin of ["/usr/sbin/sshd", "/usr/bin/ssh-keygen", "/usr/bin/unshare", "/usr/bin/nsenter"]) {
    if (!existsSync(bin)) throw new Error(`The host lab needs ${bin} (apt-get install openssh-server util-linux).`);
  }
  await run("ip", ["-V"]).catch(() => {
    throw new Error("The host lab needs `ip` (apt-get install iproute2).");
  });
  // Each host gets private /tmp, /opt and /root; the lab's own files must stay visible under them (config.ts sees to it).
  const hidden = PRIVATE_DIRS.find((dir) => LAB_DIR === dir || LAB_DIR.startsWith(`${dir}/`));
  if (hidden)
    throw new Error(`The lab folder ${LAB_DIR} is under ${hidden}, which lab hosts replace with their own; set RMQ_LAB_DIR elsewhere.`);
}

export function sameShape(state: LabState, count: number, noJava: number[]): boolean {
  const stateNoJava = state.hosts.filter((h) => h.noJava).map((h) => h.index);
  return state.hosts.length === count && stateNoJava.join(",") === noJava.join(",");
}

export async function create(count: number, noJava: number[], owner: LabOwner): Promise<LabHost[]> {
  const foreign = await foreignUserOfSubnet();
  if (foreign) throw new Error(`${SUBNET_PREFIX}.0/24 is already used by interface ${foreign}; the lab will not touch it.`);
  const state: LabState = {
    version: 1,
    owner,
    createdAt: new Date().toISOString(),
    createdRunSshd: !existsSync("/run/sshd"),
    hosts: Array.from({ length: count }, (_, i) => ({
      index: i + 1,
      name: hostName(i + 1),
      netns: hostNetns(i + 1),
      address: hostAddress(i + 1),
      noJava: noJava.includes(i + 1),
      sshdPid: null,
      hostKeyFingerprint: null,
      java: null,
    })),
  };
  // Recorded before anything exists: a crash from here on is cleaned up by the next up or down.
  await writeState(state);
  try {
    // sshd refuses to start without its privilege-separation directory (systemd makes it on real hosts).
    await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
    await mkdir(KEYS_DIR, { recursive: true });
    await generateKey(CLIENT_KEY, "rmqlab-client");
    await createBridge();
    await Promise.all(state.hosts.map((host) => startHost(host, state.hosts)));
    const wrongJava = state.hosts.filter((h) => h.java === h.noJava).map((h) => h.name);
    if (wrongJava.length > 0) {
      throw new Error(`Java on ${wrongJava.join(", ")} is not as asked; the lab expects Java under /usr/lib/jvm.`);
    }
  } catch (err) {
    // Leave the machine as clean as before; the error carries the sshd log.
    await teardown();
    throw err;
  }
  await writeState(state);
  return toLabHosts(state);
}

/** Fills in the host's state entry as it comes up. */
async function startHost(host: StateHost, allHosts: StateHost[]): Promise<void> {
  const paths = await prepareHostFiles(host, allHosts);
  host.hostKeyFingerprint = await fingerprint(`${paths.hostKey}.pub`);
  await createHostNetwork(host.index);
  host.sshdPid = await startSshd(host.name, host.netns, paths, host.noJava);
  await waitForSshd(host.name, host.address, host.sshdPid, paths);
  host.java = await hasJava(host.sshdPid);
}

export async function teardown(): Promise<void> {
  const state = await readState();
  const namespaces = new Set([...(await listLabNetns()), ...(state?.hosts.map((h) => h.netns) ?? [])]);
  await Promise.all(
    [...namespaces].map(async (ns) => {
      if (!existsSync(`/run/netns/${ns}`)) return;
      await killNetnsProcesses(ns);
      await deleteNetns(ns);
    }),
  );
  // An sshd whose namespace was deleted by hand still runs; kill it only if it is provably ours.
  for (const host of state?.hosts ?? []) {
    if (host.sshdPid && isAlive(host.sshdPid) && (await isLabSshd(host.sshdPid, host.name))) {
      process.kill(host.sshdPid, "SIGKILL");
    }
  }
  for (const link of await listLabLinks()) await deleteLink(link);
  if (state?.createdRunSshd) await rmdir("/run/sshd").catch(() => undefined);
  await rm(HOSTS_DIR, { recursive: true, force: true });
  await rm(KEYS_DIR, { recursive: true, force: true });
  await rm(LEASES_DIR, { recursive: true, force: true });
  await removeState();
}

async function isLabSshd(pid: number, name: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return cmdline.includes(hostPaths(name).config);
}

export async function inspect(): Promise<{ state: LabState | null; problems: string[] }> {
  const state = await readState();
  const leftovers = [...new Set([...(await listLabNetns()), ...(await listLabLinks())])];
  if (!state) {
    return { state: null, problems: leftovers.length > 0 ? [`leftovers without a record: ${leftovers.join(", ")}`] : [] };
  }
  const problems: string[] = [];
  if (!(await listLabLinks()).includes(BRIDGE)) problems.push(`bridge ${BRIDGE} is missing`);
  if (!existsSync(CLIENT_KEY)) problems.push(`client key ${CLIENT_KEY} is missing`);
  const hostProblems = await Promise.all(state.hosts.map(hostProblem));
  problems.push(...hostProblems.filter((p): p is string => p !== null));
  return { state, problems };
}

async function hostProblem(host: StateHost): Promise<string | null> {
  const nsFile = `/run/netns/${host.netns}`;
  if (!existsSync(nsFile)) return `${host.name}: namespace ${host.netns} is missing`;
  if (!host.sshdPid || !isAlive(host.sshdPid)) return `${host.name}: sshd is not running`;
  const inNamespace = await readlink(`/proc/${host.sshdPid}/ns/net`).catch(() => "");
  if (inNamespace !== `net:[${(await stat(nsFile)).ino}]`) return `${host.name}: pid ${host.sshdPid} is not its sshd`;
  // Generous: on a loaded machine sshd takes seconds to fork for a new connection.
  if (!(await readsBanner(host.address, 22, 8_000))) return `${host.name}: sshd does not answer on ${host.address}:22`;
  if (host.hostKeyFingerprint === null || host.java === null) return `${host.name}: never finished starting`;
  return null;
}

export function toLabHosts(state: LabState): LabHost[] {
  return state.hosts.map((h) => ({
    name: h.name,
    address: h.address,
    sshPort: 22,
    user: "root" as const,
    privateKeyPath: CLIENT_KEY,
    hostKeyFingerprint: h.hostKeyFingerprint ?? "",
    java: h.java ?? false,
    netns: h.netns,
  }));
}
