import { PROCESS_FNS } from "../remote-scripts";

// The one script a drift check runs on each host: what every managed process of the host actually runs, and which
// RocketMQ JVMs run there besides. Inputs travel as "$1", "$2"… (quoted by lib/ssh's bash()), never pasted.

/** One managed process of the host, as the script is asked about it. */
export interface ManagedPaths {
  pidfile: string;
  confPath: string;
}

/**
 * $1 number of managed processes N, then N pairs "<pidfile> <conf>", then pidfiles of processes the panel knows
 * from other clusters (their JVMs are not unknown to the panel).
 * Prints, per managed process i (0-based):
 *   NODE <i> <conf sha256|-> <pid|-> <launch fingerprint|->   pid only when it names a live RocketMQ JVM
 *   ARGS <i> <main class> <-c argument>                      of that JVM
 * then "KNOWN <pid>" per live process of the other pidfiles, then "JVM <pid> <main class> <-c argument>" for every
 * RocketMQ server JVM that sees this host's files.
 */
export const READ_DRIFT = `set -u${PROCESS_FNS}
# The main class of a RocketMQ server (not mqadmin's short-lived tools) and the -c after it, from a NUL-separated cmdline.
server_args() {
  tr '\\0' '\\n' <"/proc/$1/cmdline" 2>/dev/null | awk '
    main == "" && /^org\\.apache\\.rocketmq\\.[A-Za-z0-9_.]*Startup$/ && !/^org\\.apache\\.rocketmq\\.tools\\./ { main = $0; next }
    main != "" && wanted { conf = $0; wanted = 0; done = 1; next }
    main != "" && !done && $0 == "-c" { wanted = 1 }
    END { if (main != "") print main " " conf }'
}
n="$1"; shift
i=0
while [ "$i" -lt "$n" ]; do
  pidfile="$1"; conf="$2"; shift 2
  sha="$(sha256sum -- "$conf" 2>/dev/null | cut -c1-64)"
  if running "$pidfile"; then
    launch="$(head -n 1 "$pidfile.launch" 2>/dev/null | tr -d '[:space:]' | cut -c1-128)"
    echo "NODE $i \${sha:--} $pid \${launch:--}"
    echo "ARGS $i $(server_args "$pid")"
  else
    echo "NODE $i \${sha:--} - -"
  fi
  i=$((i + 1))
done
for pidfile in "$@"; do if live_pid "$pidfile"; then echo "KNOWN $pid"; fi; done
# A JVM in another mount namespace (a container; on the panel's test lab, another simulated host) sees other files:
# its -c path says nothing about this host. Where the namespace cannot be read (another user's process), it counts.
mine="$(readlink /proc/self/ns/mnt 2>/dev/null || true)"
# One grep over every cmdline: a host runs thousands of processes, and a process each would take seconds.
for file in $(grep -lsF 'org.apache.rocketmq.' /proc/[0-9]*/cmdline); do
  p="\${file#/proc/}"; p="\${p%/cmdline}"
  [ "$p" = "$$" ] && continue
  theirs="$(readlink "/proc/$p/ns/mnt" 2>/dev/null || true)"
  if [ -n "$mine" ] && [ -n "$theirs" ] && [ "$mine" != "$theirs" ]; then continue; fi
  args="$(server_args "$p")"
  if [ -n "$args" ] && alive "$p"; then echo "JVM $p $args"; fi
done`;

export function readDriftArgs(managed: readonly ManagedPaths[], otherPidfiles: readonly string[]): string[] {
  return [String(managed.length), ...managed.flatMap((m) => [m.pidfile, m.confPath]), ...otherPidfiles];
}

/** What one managed process runs, as the host sees it. */
export interface ProcessReading {
  /** sha256 of the conf on disk; null when there is no such file. */
  confSha256: string | null;
  /** The live RocketMQ JVM its pidfile names; null when none. */
  pid: number | null;
  /** The launch fingerprint recorded when it was started; null when none was recorded. */
  launch: string | null;
  /** Main class and `-c` argument of the live JVM. */
  mainClass: string | null;
  confArg: string | null;
}

export interface RocketmqJvm {
  pid: number;
  mainClass: string;
  confArg: string | null;
}

export interface HostReading {
  /** In the order the processes were asked about. */
  processes: ProcessReading[];
  /** Pids the panel started for other clusters. */
  knownPids: Set<number>;
  jvms: RocketmqJvm[];
}

const dash = (word: string | undefined) => (word === undefined || word === "-" ? null : word);

/** "<main class> <conf>" (the conf may hold spaces, or be missing). */
function splitArgs(rest: string): { mainClass: string | null; confArg: string | null } {
  const space = rest.indexOf(" ");
  if (rest === "") return { mainClass: null, confArg: null };
  if (space < 0) return { mainClass: rest, confArg: null };
  return { mainClass: rest.slice(0, space), confArg: rest.slice(space + 1) || null };
}

/** READ_DRIFT's output for `count` managed processes. */
export function parseDriftReading(stdout: string, count: number): HostReading {
  const processes: ProcessReading[] = Array.from({ length: count }, () => ({
    confSha256: null,
    pid: null,
    launch: null,
    mainClass: null,
    confArg: null,
  }));
  const knownPids = new Set<number>();
  const jvms: RocketmqJvm[] = [];
  for (const line of stdout.split("\n")) {
    const [tag, first, ...more] = line.split(" ");
    if (tag === "NODE") {
      const reading = processes[Number(first)];
      if (!reading) continue;
      const [sha, pid, launch] = more;
      reading.confSha256 = dash(sha);
      reading.pid = dash(pid) === null ? null : Number(pid);
      reading.launch = dash(launch);
    } else if (tag === "ARGS") {
      const reading = processes[Number(first)];
      if (reading) Object.assign(reading, splitArgs(more.join(" ")));
    } else if (tag === "KNOWN") {
      knownPids.add(Number(first));
    } else if (tag === "JVM") {
      const { mainClass, confArg } = splitArgs(more.join(" "));
      if (mainClass) jvms.push({ pid: Number(first), mainClass, confArg });
    }
  }
  return { processes, knownPids, jvms };
}
