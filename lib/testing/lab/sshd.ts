import { spawn } from "node:child_process";
import { mkdir, chmod, readFile, writeFile, open } from "node:fs/promises";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { CLIENT_KEY, HOSTS_DIR, JVM_DIR, PRIVATE_DIRS, SESSION_PATH } from "./config";
import { run, sleep, tryRun } from "./sys";

export interface HostPaths {
  dir: string;
  config: string;
  hostKey: string;
  pidFile: string;
  log: string;
  /** Bound over /etc/hosts: every lab host resolves the others (and itself) by name, as on a LAN with DNS. */
  etcHosts: string;
  /** Empty directory bound over /usr/lib/jvm on a host that must have no Java. */
  noJvm: string;
}

export function hostPaths(name: string): HostPaths {
  const dir = path.join(HOSTS_DIR, name);
  return {
    dir,
    config: path.join(dir, "sshd_config"),
    hostKey: path.join(dir, "ssh_host_ed25519_key"),
    pidFile: path.join(dir, "sshd.pid"),
    log: path.join(dir, "sshd.log"),
    etcHosts: path.join(dir, "etc-hosts"),
    noJvm: path.join(dir, "no-jvm"),
  };
}

/** The private /tmp, /opt and /root of a host, as seen from the root namespace. */
export function privateDir(name: string, dir: (typeof PRIVATE_DIRS)[number]): string {
  return path.join(HOSTS_DIR, name, "fs", dir.slice(1));
}

export async function generateKey(file: string, comment: string): Promise<void> {
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file]);
}

/** OpenSSH's own "SHA256:..." fingerprint of a public key file: the reference lib/ssh is tested against. */
export async function fingerprint(pubKeyFile: string): Promise<string> {
  const { stdout } = await run("ssh-keygen", ["-l", "-E", "sha256", "-f", pubKeyFile]);
  const match = /SHA256:\S+/.exec(stdout);
  if (!match) throw new Error(`unexpected ssh-keygen -l output: ${stdout}`);
  return match[0];
}

export interface HostSpec {
  name: string;
  address: string;
  noJava: boolean;
}

export async function prepareHostFiles(host: HostSpec, allHosts: HostSpec[]): Promise<HostPaths> {
  const { name, address, noJava } = host;
  const p = hostPaths(name);
  await mkdir(p.dir, { recursive: true });
  for (const dir of PRIVATE_DIRS) await mkdir(privateDir(name, dir), { recursive: true });
  await chmod(privateDir(name, "/tmp"), 0o1777);
  await chmod(privateDir(name, "/root"), 0o700);
  if (noJava) await mkdir(p.noJvm, { recursive: true });
  await generateKey(p.hostKey, `rmqlab-${name}`);
  await writeFile(p.config, sshdConfig(address, p), { mode: 0o600 });
  const names = allHosts.map((h) => `${h.address} ${h.name}`);
  await writeFile(p.etcHosts, ["127.0.0.1 localhost", "::1 localhost ip6-localhost ip6-loopback", ...names, ""].join("\n"));
  return p;
}

function sshdConfig(address: string, p: HostPaths): string {
  return [
    `ListenAddress ${address}:22`,
    `HostKey ${p.hostKey}`,
    `PidFile ${p.pidFile}`,
    "PermitRootLogin prohibit-password",
    `AuthorizedKeysFile ${CLIENT_KEY}.pub`,
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    // No PAM: the lab's hosts have no PAM session setup of their own, and key auth needs none.
    "UsePAM no",
    // The key files live in the repo checkout, whose parent directories the lab does not control.
    "StrictModes no",
    "UseDNS no",
    "PrintMotd no",
    // Tests open many sessions at once; the defaults (10 sessions, 10 unauthenticated) are too tight.
    "MaxSessions 64",
    "MaxStartups 100:30:200",
    "Subsystem sftp internal-sftp",
    "",
  ].join("\n");
}

// Runs inside the host's fresh mount and UTS namespaces, then becomes sshd (exec keeps the pid
// we record). rprivate first, so none of the binds below can propagate back to the real machine.
// Each host has its own hostname because RocketMQ defaults brokerName to it.
const HOST_INIT = `
set -e
mount --make-rprivate /
mount --bind "$1" /tmp
mount --bind "$2" /opt
mount --bind "$3" /root
mount --bind "$4" /etc/hosts
if [ -n "$5" ]; then mount --bind "$5" "${JVM_DIR}"; fi
hostname "$6"
exec /usr/sbin/sshd -D -f "$7" -E "$8"
`;

/** Starts the host's sshd in its network namespace and a private mount namespace; returns its pid. */
export async function startSshd(name: string, netns: string, p: HostPaths, noJava: boolean): Promise<number> {
  const noJvm = noJava && existsSync(JVM_DIR) ? p.noJvm : "";
  const args = [
    "netns",
    "exec",
    netns,
    "unshare",
    "--mount",
    "--uts",
    "--propagation",
    "private",
    "sh",
    "-c",
    HOST_INIT,
    "rmqlab-init",
    privateDir(name, "/tmp"),
    privateDir(name, "/opt"),
    privateDir(name, "/root"),
    p.etcHosts,
    noJvm,
    name,
    p.config,
    p.log,
  ];
  const log = await open(p.log, "a");
  try {
    // detached: its own session, so it outlives `npm run lab` and ignores the terminal's Ctrl-C.
    const child = spawn("ip", args, { detached: true, stdio: ["ignore", log.fd, log.fd] });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start sshd for ${name}`);
    return child.pid;
  } finally {
    await log.close();
  }
}

/** Waits until the host answers with an SSH banner; bounded, and fails fast if sshd died. */
export async function waitForSshd(name: string, address: string, pid: number, p: HostPaths, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await readsBanner(address, 22, 1_000)) return;
    if (!existsSync(`/proc/${pid}`)) break;
    await sleep(50);
  }
  const log = await readFile(p.log, "utf8").catch(() => "");
  throw new Error(`sshd of lab host ${name} did not answer on ${address}:22 within ${timeoutMs} ms.\n${log.trim()}`);
}

export function readsBanner(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = "";
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.includes("\n")) done(received.startsWith("SSH-2.0-"));
    });
    socket.on("error", () => done(false));
    socket.on("close", () => done(false));
  });
}

/** Asks the host itself whether `java` resolves, with the PATH an SSH session for root gets. */
export async function hasJava(sshdPid: number): Promise<boolean> {
  const probe = await tryRun("nsenter", [
    "--target",
    String(sshdPid),
    "--mount",
    "--net",
    "--uts",
    "--",
    "env",
    "-i",
    `PATH=${SESSION_PATH}`,
    "sh",
    "-c",
    "command -v java && java -version",
  ]);
  return probe !== null;
}

/** The fingerprint a host's sshd presents right now, read by OpenSSH's own ssh-keyscan. */
export async function presentedFingerprint(address: string): Promise<string | null> {
  const scan = await tryRun("sh", ["-c", `ssh-keyscan -T 2 -t ed25519 ${address} 2>/dev/null | ssh-keygen -l -E sha256 -f -`]);
  return scan ? (/SHA256:\S+/.exec(scan.stdout)?.[0] ?? null) : null;
}
