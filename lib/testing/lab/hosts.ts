import { rm } from "node:fs/promises";
import { DEFAULT_HOSTS } from "./config";
import { checkPrerequisites, create, inspect, sameShape, teardown, toLabHosts, validateShape } from "./lifecycle";
import { fingerprint, generateKey, hostPaths, presentedFingerprint } from "./sshd";
import { type LabOwner, liveLeases, readState, withLabLock, writeState } from "./state";
import { sleep } from "./sys";

export { privateDir as labHostDir } from "./sshd";

/** One simulated machine, as `npm run lab -- up|status` prints it. */
export interface LabHost {
  name: string;
  address: string;
  sshPort: number;
  user: "root";
  privateKeyPath: string;
  /** OpenSSH-style "SHA256:..." fingerprint of the host's ed25519 key. */
  hostKeyFingerprint: string;
  java: boolean;
  /** The host's network namespace (also the name of its veth on the bridge). */
  netns: string;
}

export interface LabUpOptions {
  /** Number of hosts (default 8). */
  hosts?: number;
  /** 1-based indexes of hosts that must have no Java. */
  noJava?: number[];
  owner?: LabOwner;
  /** Recreate or remove the lab even while test runs use it. */
  force?: boolean;
}

export class LabBrokenError extends Error {
  constructor(readonly problems: string[]) {
    super(`The host lab is not healthy (${problems.join("; ")}). Run \`npm run lab -- up\` to recreate it.`);
    this.name = "LabBrokenError";
  }
}

/** Brings the lab up; returns at once if a healthy lab of the same shape is already up, else (re)creates it. */
export async function labUp(opts: LabUpOptions = {}): Promise<LabHost[]> {
  const count = opts.hosts ?? DEFAULT_HOSTS;
  const noJava = [...new Set(opts.noJava ?? [])].sort((a, b) => a - b);
  validateShape(count, noJava);
  await checkPrerequisites();
  return withLabLock(async () => {
    const current = await inspect();
    if (current.state && current.problems.length === 0 && sameShape(current.state, count, noJava)) {
      return toLabHosts(current.state);
    }
    if (!opts.force) await refuseWhileInUse("recreate");
    await teardown();
    return create(count, noJava, opts.owner ?? "cli");
  });
}

/** Removes everything the lab made: processes in its namespaces, namespaces, veths, bridge, files. */
export async function labDown(opts: { force?: boolean } = {}): Promise<void> {
  await withLabLock(async () => {
    if (!opts.force) await refuseWhileInUse("remove");
    await teardown();
  });
}

/** Engineers share a machine: pulling the lab from under someone's test run breaks it mysteriously. */
async function refuseWhileInUse(action: string): Promise<void> {
  const users = await liveLeases();
  if (users.length > 0) {
    throw new Error(
      `Test runs (pids ${users.join(", ")}) are using the lab; the last one removes it when done. Use --force to ${action} it anyway.`,
    );
  }
}

/** The hosts of the running lab; [] when no lab is up; LabBrokenError when it is up but unhealthy. */
export async function labStatus(): Promise<LabHost[]> {
  const { state, problems } = await inspect();
  if (problems.length > 0) throw new LabBrokenError(problems);
  return state ? toLabHosts(state) : [];
}

/**
 * Gives a host a new host key, as if the machine had been reinstalled (or someone were in the
 * middle); returns the new fingerprint. Everyone who pinned the old key is refused afterwards,
 * so only serial runs (the e2e specs) may use it.
 */
export async function rekeyLabHost(name: string): Promise<string> {
  return withLabLock(async () => {
    const state = await readState();
    const host = state?.hosts.find((h) => h.name === name);
    if (!state || !host?.sshdPid) throw new Error(`No running lab host named ${name}.`);
    const { hostKey } = hostPaths(name);
    await rm(hostKey, { force: true });
    await rm(`${hostKey}.pub`, { force: true });
    await generateKey(hostKey, `rmqlab-${name}`);
    const fresh = await fingerprint(`${hostKey}.pub`);
    // SIGHUP makes sshd re-exec itself (same pid) and load its host keys again.
    process.kill(host.sshdPid, "SIGHUP");
    const deadline = Date.now() + 10_000;
    while ((await presentedFingerprint(host.address)) !== fresh) {
      if (Date.now() > deadline) throw new Error(`${name} still presents its old host key after SIGHUP.`);
      await sleep(100);
    }
    host.hostKeyFingerprint = fresh;
    await writeState(state);
    return fresh;
  });
}
