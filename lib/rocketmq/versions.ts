/**
 * The RocketMQ releases the panel assembles from Maven Central, runs in the lab and is tested against.
 * Pin versions here and nowhere else.
 */
export const ROCKETMQ_RELEASES = {
  // The seed cluster's version. Affected by CVE-2023-33246 / CVE-2023-37582 (fixed in 4.9.7).
  "4.9.3": { mqVersionOrdinal: 399, dledger: "0.2.3" },
  // Newest 5.x whose artifacts are all on Maven Central and whose sources are tagged (5.3.4 / 5.5.1 are incomplete on Central).
  "5.3.3": { mqVersionOrdinal: 479, dledger: "0.3.1.2" },
} as const;

export type RocketmqVersion = keyof typeof ROCKETMQ_RELEASES;

export const ROCKETMQ_VERSIONS = Object.keys(ROCKETMQ_RELEASES) as RocketmqVersion[];

export const DEFAULT_ROCKETMQ_VERSION: RocketmqVersion = "4.9.3";

export function isRocketmqVersion(value: string): value is RocketmqVersion {
  return Object.hasOwn(ROCKETMQ_RELEASES, value);
}
