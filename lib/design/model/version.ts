import { type Message, message } from "../../i18n/message";
import { ROCKETMQ_VERSIONS, type RocketmqRelease } from "../../rocketmq/versions";

/** RocketMQ release numbers as the panel accepts them: "4.9.8", or "5.3.x" for "latest patch of 5.3". */
export const ROCKETMQ_VERSION_PATTERN = /^(\d+)\.(\d+)\.(\d+|x)$/;

/** The id of the idle DLedger leader's spin (apache/rocketmq #4415) among the advisories. */
export const DLEDGER_IDLE_SPIN = "apache/rocketmq#4415";

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
  kind: "vulnerability" | "defect";
  what: Message;
  /** First fixed release per major line; older releases of that line are affected. A line left out is not affected. */
  fixedIn: { 4?: string; 5?: string };
}

const ADVISORIES: Advisory[] = [
  // Both let an unauthenticated client rewrite a config file and run commands (remote code execution).
  { id: "CVE-2023-33246", kind: "vulnerability", what: message("advisories.remoteCodeExecution"), fixedIn: { 4: "4.9.6", 5: "5.1.1" } },
  { id: "CVE-2023-37582", kind: "vulnerability", what: message("advisories.remoteCodeExecution"), fixedIn: { 4: "4.9.7", 5: "5.1.2" } },
  // DLedger 0.2.3 (RocketMQ 4.9.3) spins two EntryDispatcher threads on an idle leader; fixed by openmessaging/dledger
  // #123 in DLedger 0.2.6, which RocketMQ 4.9.4 ships. Every cluster the panel designs runs in DLedger mode.
  { id: DLEDGER_IDLE_SPIN, kind: "defect", what: message("advisories.dledgerIdleSpin"), fixedIn: { 4: "4.9.4" } },
];

export interface VersionAdvisory {
  /** "CVE-2023-33246", or the upstream issue of a defect ("apache/rocketmq#4415"). */
  id: string;
  kind: Advisory["kind"];
  /** What goes wrong, in the reader's language. */
  what: Message;
  /** The first release of the version's line without it. */
  fixedIn: string;
  /** The pinned release to upgrade to (the newest of the same line that no advisory affects); null when none is. */
  upgradeTo: RocketmqRelease | null;
}

const lineOf = (version: RocketmqVersion) => (version.major >= 5 ? 5 : 4);

function affecting(version: string): { advisory: Advisory; fixedIn: string }[] {
  const parsed = parseVersion(version);
  if (!parsed) return [];
  return ADVISORIES.flatMap((advisory) => {
    const fixedIn = advisory.fixedIn[lineOf(parsed)];
    return fixedIn !== undefined && compareVersions(version, fixedIn) < 0 ? [{ advisory, fixedIn }] : [];
  });
}

/**
 * The newest pinned release (lib/rocketmq/versions.ts) on the version's line that is newer and that no advisory
 * affects: "4.9.7" for any older 4.x, "5.5.0" for an older 5.x. A rolling upgrade never crosses lines.
 */
export function upgradeTarget(version: string): RocketmqRelease | null {
  const parsed = parseVersion(version);
  if (!parsed) return null;
  const candidates = ROCKETMQ_VERSIONS.filter((release) => {
    const pinned = parseVersion(release);
    return pinned !== null && lineOf(pinned) === lineOf(parsed) && compareVersions(release, version) > 0 && affecting(release).length === 0;
  });
  return candidates.sort(compareVersions).at(-1) ?? null;
}

/**
 * The advisories a version is exposed to (vulnerabilities and known defects), each with what to upgrade to. A "4.9.x"
 * version counts as its oldest patch, because nothing in the spec prevents an affected patch from being installed.
 */
export function versionAdvisories(version: string): VersionAdvisory[] {
  const upgradeTo = upgradeTarget(version);
  return affecting(version).map(({ advisory, fixedIn }) => ({
    id: advisory.id,
    kind: advisory.kind,
    what: advisory.what,
    fixedIn,
    upgradeTo,
  }));
}

/** The vulnerabilities (CVE ids) a version is exposed to. */
export function knownVulnerabilities(version: string): string[] {
  return versionAdvisories(version)
    .filter((a) => a.kind === "vulnerability")
    .map((a) => a.id);
}
