import { type Message, message } from "../i18n/message";

// The rules that keep a DLedger group writable while its nodes restart. Pure, so they are unit tested and the
// preview (from the dashboard's snapshot) and the job (from live DLedger answers) judge alike.

export interface MemberView {
  selfId: string;
  /** The member's DLedger port answered just now. */
  up: boolean;
  /** The leader this member names; null during an election or when it does not answer. */
  leaderId: string | null;
  /** Bytes of commit log written (GET_BROKER_RUNTIME_INFO commitLogMaxOffset); null when unknown. */
  maxOffset: number | null;
}

/** Raft needs more than half of the group to elect a leader and to commit a write. */
export const majorityOf = (size: number) => Math.floor(size / 2) + 1;

/**
 * Why taking `target` down would cost the group its majority, or null when it is safe. A node that is
 * already down takes nothing away: starting or restarting it can only help.
 */
export function majorityRefusal(brokerName: string, members: readonly MemberView[], target: string): Message | null {
  const self = members.find((m) => m.selfId === target);
  if (!self?.up) return null;
  const othersUp = members.filter((m) => m.selfId !== target && m.up);
  const need = majorityOf(members.length);
  if (othersUp.length >= need) return null;
  const down = members.filter((m) => m.selfId !== target && !m.up).map((m) => m.selfId);
  return message(down.length === 1 ? "operations.safety.majorityOneDown" : "operations.safety.majorityManyDown", {
    target,
    group: brokerName,
    up: othersUp.length,
    size: members.length,
    need,
    down: down.join(", "),
  });
}

/** The leader most members name, when a majority agree; null during an election. */
export function agreedLeader(members: readonly MemberView[]): string | null {
  const votes = new Map<string, number>();
  for (const m of members) if (m.up && m.leaderId) votes.set(m.leaderId, (votes.get(m.leaderId) ?? 0) + 1);
  for (const [leaderId, count] of votes) {
    const leader = members.find((m) => m.selfId === leaderId);
    if (count >= majorityOf(members.length) && leader?.up && leader.leaderId === leaderId) return leaderId;
  }
  return null;
}

/**
 * The health gate of a rolling restart: before the next node goes down, every other member answers and follows
 * one agreed leader. Returns what is wrong, or null.
 */
export function healthGateProblem(brokerName: string, members: readonly MemberView[], target: string): Message | null {
  const down = members.filter((m) => m.selfId !== target && !m.up).map((m) => m.selfId);
  if (down.length > 0)
    return message(down.length === 1 ? "operations.safety.oneSilent" : "operations.safety.manySilent", {
      group: brokerName,
      nodes: down.join(", "),
    });
  const leader = agreedLeader(members);
  if (!leader) return message("operations.safety.electionRunning", { group: brokerName });
  const astray = members.filter((m) => m.selfId !== target && m.leaderId !== leader).map((m) => m.selfId);
  if (astray.length > 0) {
    const key = astray.length === 1 ? "operations.safety.oneAstray" : "operations.safety.manyAstray";
    return message(key, { group: brokerName, nodes: astray.join(", "), leader });
  }
  return null;
}

/**
 * Followers that may take over from `leader`, best first: up, following it, least behind it; nodes this job already
 * restarted (fresh and caught up) win ties. DLedger itself refuses one more than 1000 entries behind.
 */
export function transfereeCandidates(members: readonly MemberView[], leader: string, preferred: ReadonlySet<string> = new Set()): string[] {
  const leaderOffset = members.find((m) => m.selfId === leader)?.maxOffset ?? null;
  const lag = (m: MemberView) =>
    leaderOffset === null || m.maxOffset === null ? Number.MAX_SAFE_INTEGER : Math.max(0, leaderOffset - m.maxOffset);
  return members
    .filter((m) => m.selfId !== leader && m.up && m.leaderId === leader)
    .sort(
      (a, b) =>
        lag(a) - lag(b) ||
        Number(preferred.has(b.selfId)) - Number(preferred.has(a.selfId)) ||
        a.selfId.localeCompare(b.selfId, undefined, { numeric: true }),
    )
    .map((m) => m.selfId);
}

/**
 * The order of a rolling restart of one group: nodes already down first (starting them can only help), then
 * followers, the leader last, so leadership moves once.
 */
export function rollingOrder<T extends { selfId: string }>(
  nodes: readonly T[],
  roleOf: (selfId: string) => "leader" | "follower" | "down" | "unknown",
): T[] {
  const rank = { down: 0, unknown: 1, follower: 1, leader: 2 } as const;
  return [...nodes].sort(
    (a, b) => rank[roleOf(a.selfId)] - rank[roleOf(b.selfId)] || a.selfId.localeCompare(b.selfId, undefined, { numeric: true }),
  );
}
