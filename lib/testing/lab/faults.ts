import { readFileSync } from "node:fs";
import type { LabHost } from "./hosts";
import { netnsPids } from "./network";
import { readState } from "./state";

/**
 * Severs the SSH connections running a command whose command line contains `needle`, as a network cut would:
 * the sshd serving each such connection is killed (other connections to the host, from other tests, and the
 * listening sshd stay). Returns how many connections were cut.
 */
export async function severSshConnectionsRunning(host: LabHost, needle: string): Promise<number> {
  const listener = (await readState())?.hosts.find((h) => h.name === host.name)?.sshdPid;
  if (!listener) throw new Error(`lab host ${host.name} has no recorded sshd`);
  const serving = new Set<number>();
  for (const pid of await netnsPids(host.netns)) {
    if (!cmdline(pid).includes(needle)) continue;
    // The nearest sshd above the command serves its connection.
    let p: number | null = pid;
    while (p !== null && p > 1 && comm(p) !== "sshd") p = parentOf(p);
    if (p !== null && p > 1 && p !== listener) serving.add(p);
  }
  for (const pid of serving) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
  return serving.size;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function comm(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return null;
  }
}

/** Pids of RocketMQ JVMs running in a lab host's namespace. */
export async function rocketmqPids(host: LabHost): Promise<number[]> {
  const pids: number[] = [];
  for (const pid of await netnsPids(host.netns)) {
    try {
      // The JVM itself: a shell running a script that names the main class (a drift check, a start) is not one.
      const [program = "", ...args] = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if ((program === "java" || program.endsWith("/java")) && args.some((arg) => arg.startsWith("org.apache.rocketmq."))) pids.push(pid);
    } catch {
      // Gone already.
    }
  }
  return pids;
}

/** Kills every RocketMQ JVM on the given lab hosts (test cleanup; SIGKILL, the store is throwaway). */
export async function killRocketmq(hosts: LabHost[]): Promise<number> {
  let killed = 0;
  for (const host of hosts) {
    for (const pid of await rocketmqPids(host)) {
      try {
        process.kill(pid, "SIGKILL");
        killed += 1;
      } catch {
        // Gone already.
      }
    }
  }
  return killed;
}
