import { rm } from "node:fs/promises";
import { DEFAULT_HOSTS } from "./config";
import { checkPrerequisites, create, inspect, sameShape, teardown, toLabHosts, validateShape } from "./lifecycle";
import { fingerprint, generateKey, hostPaths, presentedFingerprint } from "./sshd";
import { type LabOwner, readState, withLabLock, writeState } from "./state";
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
    await teardown();
    return create(count, noJava, opts.owner ?? "cli");
  });
}

/** Removes everything the lab made: processes in its namespaces, namespaces, veths, bridge, files. */
export async function labDown(): Promise<void> {
  await withLabLock(teardown);
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
