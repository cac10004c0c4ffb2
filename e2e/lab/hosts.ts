import { DEFAULT_HOSTS } from "./config";
import { checkPrerequisites, create, inspect, sameShape, teardown, toLabHosts, validateShape } from "./lifecycle";
import { type LabOwner, withLabLock } from "./state";

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
