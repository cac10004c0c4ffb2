import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";

// Everything the lab creates is named with this prefix, so teardown and leftover
// detection can tell the lab's links and namespaces from anything else on the machine.
export const PREFIX = "rmqlab";
export const BRIDGE = `${PREFIX}0`;
export const SUBNET_PREFIX = "10.77.0";
export const BRIDGE_ADDRESS = `${SUBNET_PREFIX}.1`;
// h1–h7 and h9–h12 have Java, h8 has none (the tests' host without Java); h9–h12 belong to the lifecycle suites.
export const DEFAULT_HOSTS = 12;
export const NO_JAVA_HOST = 8;
// Host addresses start at .11 so host N is 10.77.0.(10+N): easy to read in logs.
export const MAX_HOSTS = 50;

// The directories each host gets privately, like two real machines would.
export const PRIVATE_DIRS = ["/tmp", "/opt", "/root"] as const;

export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const LAB_DIR = labDir(path.join(REPO_ROOT, ".lab"));

/**
 * The lab's files (sshd configs, keys, private dirs) must stay visible inside every host, so a checkout under a
 * directory the hosts replace (say a CI clone in /tmp) keeps them under /var/lib instead, one folder per checkout.
 */
function labDir(inRepo: string): string {
  if (process.env.RMQ_LAB_DIR) return path.resolve(process.env.RMQ_LAB_DIR);
  const hidden = PRIVATE_DIRS.some((dir) => inRepo.startsWith(`${dir}/`));
  if (!hidden) return inRepo;
  return path.join("/var/lib/rmq-panel-lab", createHash("sha256").update(inRepo).digest("hex").slice(0, 12));
}
export const STATE_FILE = path.join(LAB_DIR, "state.json");
export const LOCK_FILE = path.join(LAB_DIR, "lock");
export const LEASES_DIR = path.join(LAB_DIR, "leases");
export const KEYS_DIR = path.join(LAB_DIR, "keys");
export const HOSTS_DIR = path.join(LAB_DIR, "hosts");
export const CLIENT_KEY = path.join(KEYS_DIR, "client_ed25519");

export const JVM_DIR = "/usr/lib/jvm";
// PATH an sshd session for root gets on Debian; used to probe java the way a session would see it.
export const SESSION_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export function hostName(index: number): string {
  return `h${index}`;
}

export function hostAddress(index: number): string {
  return `${SUBNET_PREFIX}.${10 + index}`;
}

/** Network namespace and root-side veth share this name (link names are limited to 15 chars). */
export function hostNetns(index: number): string {
  return `${PREFIX}-h${index}`;
}
