import { mkdir, open, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { LAB_DIR, LEASES_DIR, LOCK_FILE, STATE_FILE } from "./config";
import { isAlive, sleep } from "./sys";

/** Who brought the lab up: a test run tears down only a lab a test run made. */
export type LabOwner = "cli" | "vitest";

export interface StateHost {
  index: number;
  name: string;
  netns: string;
  address: string;
  noJava: boolean;
  sshdPid: number | null;
  hostKeyFingerprint: string | null;
  java: boolean | null;
}

/**
 * Written before anything is created and updated as hosts come up, so a run that crashed
 * half-way leaves a record of what it made.
 */
export interface LabState {
  version: 1;
  owner: LabOwner;
  createdAt: string;
  /** Whether the lab made /run/sshd (sshd's privilege-separation directory), so it removes only its own. */
  createdRunSshd: boolean;
  hosts: StateHost[];
}

export async function readState(): Promise<LabState | null> {
  try {
    return JSON.parse(await readFile(STATE_FILE, "utf8")) as LabState;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    // A torn write from a crash: treat as "a lab of unknown shape", which up/down clean by prefix.
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}

export async function writeState(state: LabState): Promise<void> {
  await mkdir(LAB_DIR, { recursive: true });
  const tmp = `${STATE_FILE}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state, null, 2) + "\n");
  await rename(tmp, STATE_FILE);
}

export async function removeState(): Promise<void> {
  await rm(STATE_FILE, { force: true });
}

/**
 * Serialises lab changes between processes: engineers share one checkout, and two test runs
 * may start at once. A lock whose holder died is taken over.
 */
export async function withLabLock<T>(fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  await mkdir(LAB_DIR, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(LOCK_FILE, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(await readFile(LOCK_FILE, "utf8").catch(() => ""));
      if (holder > 0 && !isAlive(holder)) {
        await rm(LOCK_FILE, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`lab is locked by pid ${holder} (${LOCK_FILE})`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK_FILE, { force: true });
  }
}

/** Pids of other test runs holding a lease on the lab (test-lease.ts); leases of dead runs are dropped. */
export async function liveLeases(): Promise<number[]> {
  const names = await readdir(LEASES_DIR).catch(() => [] as string[]);
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    if (isAlive(pid)) live.push(pid);
    else await rm(path.join(LEASES_DIR, name), { force: true });
  }
  return live;
}
