/** RocketMQ release numbers as the panel accepts them: "4.9.8", or "5.3.x" for "latest patch of 5.3". */
export const ROCKETMQ_VERSION_PATTERN = /^(\d+)\.(\d+)\.(\d+|x)$/;

export interface RocketmqVersion {
  major: number;
  minor: number;
  /** null when the patch is "x" (any patch of that minor line). */
  patch: number | null;
}

export function parseVersion(version: string): RocketmqVersion | null {
  const match = ROCKETMQ_VERSION_PATTERN.exec(version.trim());
  if (!match) return null;
  const patch = match[3] === "x" ? null : Number(match[3]);
  return { major: Number(match[1]), minor: Number(match[2]), patch };
}

/** Orders versions; an "x" patch sorts as patch 0, the oldest release it may stand for. */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) throw new Error(`Cannot compare RocketMQ versions "${a}" and "${b}"`);
  return va.major - vb.major || va.minor - vb.minor || (va.patch ?? 0) - (vb.patch ?? 0);
}

export function isVersion5(version: string): boolean {
  return (parseVersion(version)?.major ?? 0) >= 5;
}

/** DLedger commit log mode arrived in RocketMQ 4.5.0. */
export function supportsDLedger(version: string): boolean {
  const parsed = parseVersion(version);
  return parsed !== null && compareVersions(version, "4.5.0") >= 0;
}

interface Advisory {
  id: string;
  /** First fixed release per major line; older releases of that line are affected. */
  fixedIn: { 4: string; 5: string };
}

// Both let an unauthenticated client rewrite a config file and run commands (remote code execution).
const ADVISORIES: Advisory[] = [
  { id: "CVE-2023-33246", fixedIn: { 4: "4.9.6", 5: "5.1.1" } },
  { id: "CVE-2023-37582", fixedIn: { 4: "4.9.7", 5: "5.1.2" } },
];

/**
 * The advisories a version is exposed to. A "4.9.x" version counts as its oldest patch,
 * because nothing in the spec prevents an affected patch from being installed.
 */
export function knownVulnerabilities(version: string): string[] {
  const parsed = parseVersion(version);
  if (!parsed) return [];
  const line = parsed.major >= 5 ? 5 : 4;
  return ADVISORIES.filter((a) => compareVersions(version, a.fixedIn[line]) < 0).map((a) => a.id);
}
