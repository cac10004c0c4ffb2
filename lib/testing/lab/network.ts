import { readdir } from "node:fs/promises";
import { BRIDGE, BRIDGE_ADDRESS, PREFIX, SUBNET_PREFIX, hostAddress, hostNetns } from "./config";
import { isAlive, run, sleep, tryRun } from "./sys";

interface IpLink {
  ifname: string;
  addr_info?: { local: string; prefixlen: number }[];
}

/** Named network namespaces live as files in /run/netns (that is all `ip netns list` reads). */
export async function listLabNetns(): Promise<string[]> {
  try {
    return (await readdir("/run/netns")).filter((name) => name.startsWith(`${PREFIX}-`));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

export async function listLabLinks(): Promise<string[]> {
  const links = JSON.parse((await run("ip", ["-j", "link", "show"])).stdout) as IpLink[];
  return links.map((l) => l.ifname).filter((name) => name.startsWith(PREFIX));
}

/** The lab refuses to start when its subnet is already used by an interface it did not make. */
export async function foreignUserOfSubnet(): Promise<string | null> {
  const links = JSON.parse((await run("ip", ["-j", "addr", "show"])).stdout) as IpLink[];
  const user = links.find((l) => !l.ifname.startsWith(PREFIX) && (l.addr_info ?? []).some((a) => a.local.startsWith(`${SUBNET_PREFIX}.`)));
  return user?.ifname ?? null;
}

export async function createBridge(): Promise<void> {
  await run("ip", ["link", "add", BRIDGE, "type", "bridge"]);
  await run("ip", ["addr", "add", `${BRIDGE_ADDRESS}/24`, "dev", BRIDGE]);
  await run("ip", ["link", "set", BRIDGE, "up"]);
}

/**
 * A namespace with loopback and one veth into the bridge. No default route: the hosts
 * reach each other and the bridge address, nothing else (we never enable forwarding or NAT).
 */
export async function createHostNetwork(index: number): Promise<void> {
  const ns = hostNetns(index);
  await run("ip", ["netns", "add", ns]);
  await run("ip", ["link", "add", ns, "type", "veth", "peer", "name", "eth0", "netns", ns]);
  await run("ip", ["link", "set", ns, "master", BRIDGE, "up"]);
  await run("ip", ["-n", ns, "addr", "add", `${hostAddress(index)}/24`, "dev", "eth0"]);
  await run("ip", ["-n", ns, "link", "set", "eth0", "up"]);
  await run("ip", ["-n", ns, "link", "set", "lo", "up"]);
}

export async function netnsPids(ns: string): Promise<number[]> {
  const result = await tryRun("ip", ["netns", "pids", ns]);
  if (!result) return [];
  return result.stdout.split(/\s+/).filter(Boolean).map(Number);
}

/**
 * Kills every process in the namespace: the host's sshd and anything SSH sessions started
 * there (JVMs included). Loops because a dying shell may have forked just before the kill.
 */
export async function killNetnsProcesses(ns: string, deadlineMs = 5_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const pids = await netnsPids(ns);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    if (Date.now() > deadline) {
      const left = pids.filter(isAlive);
      if (left.length > 0) throw new Error(`processes ${left.join(", ")} in ${ns} survived SIGKILL`);
      return;
    }
    await sleep(50);
  }
}

/** Deleting the namespace also deletes the veth pair (its peer end lives inside). */
export async function deleteNetns(ns: string): Promise<void> {
  await run("ip", ["netns", "del", ns]);
}

export async function deleteLink(name: string): Promise<void> {
  await tryRun("ip", ["link", "del", name]);
}
