// Pure parsers and judgements for preflight, unit-tested without a host.

/** The major version from `java -version`'s first line: `openjdk version "17.0.9"` → 17, `"1.8.0_392"` → 8. */
export function parseJavaMajor(versionLine: string): number | null {
  const version = /version "([^"]+)"/.exec(versionLine)?.[1];
  if (!version) return null;
  const parts = version.split(/[.+_-]/);
  const major = Number(parts[0] === "1" ? parts[1] : parts[0]);
  return Number.isInteger(major) ? major : null;
}

/** RocketMQ 4.x runs on Java 8 and, with the distribution's --add-opens, up to 17/21; 5.x needs 8+. */
export const MIN_JAVA_MAJOR = 8;

export function parseFreeSpace(stdout: string): Map<string, number> {
  const free = new Map<string, number>();
  for (const line of stdout.split("\n")) {
    const match = /^(\S+) (\d+)$/.exec(line.trim());
    if (match) free.set(match[1], Number(match[2]) * 1024);
  }
  return free;
}

/** Below this the install (about 100 MB unpacked) and the first commit-log files cannot fit. */
export const MIN_FREE_BYTES = 1024 ** 3;

// DLedger does not need synchronised clocks, but message timestamps, log correlation and TLS do.
export const CLOCK_SKEW_WARN_MS = 1_000;
export const CLOCK_SKEW_FAIL_MS = 10_000;

/** Remote clock minus local clock, measured at the middle of the round trip. */
export function clockSkewMs(localBefore: number, remote: number, localAfter: number): number {
  return Math.round(remote - (localBefore + localAfter) / 2);
}
