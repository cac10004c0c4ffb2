import "server-only";
import type { SshSession } from "@/lib/ssh";
import { factsFromOutput } from "./facts-parse";
import { type HostFacts, hostFactsSchema } from "./facts-schema";

// One round trip: every fact is printed in its own section and parsed here, so hosts only
// need POSIX sh, coreutils and procfs. LC_ALL=C keeps the output format stable.
const FACTS_SCRIPT = `
export LC_ALL=C
section() { printf '\\n@@facts:%s@@\\n' "$1"; }
section os-release; cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null
section kernel; uname -r
section cpus; nproc 2>/dev/null || getconf _NPROCESSORS_ONLN
section meminfo; cat /proc/meminfo
section df
p=$1; while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done
df -Pk -- "$p"
section java; if command -v java >/dev/null 2>&1; then java -version 2>&1; fi
section tcp; cat /proc/net/tcp /proc/net/tcp6 2>/dev/null
section ss; if [ ! -r /proc/net/tcp ] && command -v ss >/dev/null 2>&1; then ss -ltnH; fi
section end
`;

export class HostFactsError extends Error {
  constructor(host: string, problem: string) {
    super(`Could not read the facts of ${host}: ${problem}`);
    this.name = "HostFactsError";
  }
}

export interface GatherOptions {
  /** Where RocketMQ will store data (storePathRootDir); its free space is reported. Absolute. */
  diskPath: string;
  /** Default 30 s: a cold JVM answering `java -version` on a busy host takes a while. */
  timeoutMs?: number;
}

/** Reads OS, kernel, CPUs, memory, disk, Java and listening ports from a host in one command. */
export async function gatherFacts(session: SshSession, opts: GatherOptions): Promise<HostFacts> {
  const host = session.info.host;
  if (!opts.diskPath.startsWith("/")) throw new HostFactsError(host, `the disk path ${opts.diskPath} is not absolute.`);
  const result = await session.exec({ script: FACTS_SCRIPT, args: [opts.diskPath] }, { timeoutMs: opts.timeoutMs ?? 30_000 });
  const { complete, ...facts } = factsFromOutput(result.stdout, opts.diskPath, new Date());
  if (result.exitCode !== 0 || !complete) {
    throw new HostFactsError(host, `the facts script exited with ${result.exitCode ?? result.signal}: ${result.stderr.trim()}`);
  }
  const parsed = hostFactsSchema.safeParse(facts);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new HostFactsError(host, `unexpected output for ${fields}.`);
  }
  return parsed.data;
}
