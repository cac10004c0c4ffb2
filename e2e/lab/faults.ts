import { readFileSync } from "node:fs";
import type { LabHost } from "./hosts";
import { netnsPids } from "./network";
import { readState } from "./state";

/**
 * Severs every SSH connection to a lab host, as a network cut or a dying link would: the per-connection sshd
 * processes are killed, the listening sshd stays (new connections work again at once). Returns how many were cut.
 */
export async function severSshConnections(host: LabHost): Promise<number> {
  const listener = (await readState())?.hosts.find((h) => h.name === host.name)?.sshdPid;
  if (!listener) throw new Error(`lab host ${host.name} has no recorded sshd`);
  let cut = 0;
  for (const pid of await netnsPids(host.netns)) {
    if (pid === listener || comm(pid) !== "sshd") continue;
    try {
      process.kill(pid, "SIGKILL");
      cut += 1;
    } catch {
      // Gone already.
    }
  }
  return cut;
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
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("org.apache.rocketmq.")) pids.push(pid);
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
