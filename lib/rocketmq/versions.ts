/**
 * The RocketMQ releases the panel assembles from Maven Central, runs in the lab and tests against
 * (one real-JVM suite each). Pin versions here and nowhere else.
 */
export const ROCKETMQ_RELEASES = {
  // The seed cluster's version. Affected by CVE-2023-33246 / CVE-2023-37582 (fixed in 4.9.7).
  "4.9.3": { mqVersionOrdinal: 399, dledger: "0.2.3" },
  // The first 4.9.x with both CVEs fixed, and a DLedger whose idle leader no longer spins (apache/rocketmq #4415).
  // 4.9.6 and 4.9.8 are incomplete on Maven Central.
  "4.9.7": { mqVersionOrdinal: 407, dledger: "0.3.1.2" },
  // The newest 5.x whose artifacts are all on Maven Central (5.5.1's are not, at the time of pinning).
  "5.5.0": { mqVersionOrdinal: 513, dledger: "0.3.2" },
} as const;

/** A pinned release, e.g. "4.9.3" (lib/design's RocketmqVersion is any parsed version number). */
export type RocketmqRelease = keyof typeof ROCKETMQ_RELEASES;

/** The pinned versions, the default first (the cluster forms offer these). */
export const ROCKETMQ_VERSIONS = Object.keys(ROCKETMQ_RELEASES) as RocketmqRelease[];

export const DEFAULT_ROCKETMQ_VERSION: RocketmqRelease = "4.9.3";

export function isPinnedRocketmqVersion(value: string): value is RocketmqRelease {
  return Object.hasOwn(ROCKETMQ_RELEASES, value);
}
