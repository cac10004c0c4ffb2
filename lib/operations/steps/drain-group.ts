import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { errorText, type StepContext, StepFailure } from "../../jobs/model";
import { message, messageList, type MessageValue } from "../../i18n/message";
import { type LiveMember, probeGroup } from "../live-group";
import type { OperationResources } from "../resources";
import { agreedLeader } from "../safety";
import { clearStopWaiting, readStopWaiting } from "../stop-waiting";
import { wipeWritePermission, writableRoutes, writableTopics } from "./group-routes";

// The drain of a group whose write permission is gone: it waits until every consumer group has read what is left
// on the group's queues, or until an operator stops waiting. Producers learn the group is read-only when they
// refresh their routes (pollNameServerInterval, 30 s by default), so a group that reads empty before then may
// still be written to: the drain lasts at least that long after the last wipe.

/** Clients' route refresh (30 s by default) and a margin for a slow one. */
const ROUTE_REFRESH_MS = 35_000;
const POLL_MS = 2_000;
const REPORT_MS = 5_000;
const ROUTE_CHECK_MS = 5_000;
const CALL_TIMEOUT_MS = 3_000;

// The broker's own groups (MixAll): tools, self test, the ONS proxies, transactions. They hold no application's lag.
const SYSTEM_GROUPS = new Set([
  "TOOLS_CONSUMER",
  "FILTERSRV_CONSUMER",
  "__MONITOR_CONSUMER",
  "SELF_TEST_C_GROUP",
  "CID_ONS-HTTP-PROXY",
  "CID_ONSAPI_PERMISSION",
  "CID_ONSAPI_OWNER",
  "CID_ONSAPI_PULL",
  "CID_SYS_RMQ_TRANS",
]);
const isSystemGroup = (group: string) => SYSTEM_GROUPS.has(group) || group.startsWith("CID_RMQ_SYS_");

interface Lag {
  /** Messages on the group's queues not yet consumed, over every consumer group that could be asked. */
  total: number;
  /** Consumer groups with something left, and how much. */
  lagging: { group: string; lag: number }[];
  groups: number;
  /** Why the lag is not known for certain (no member answers, a group's stats failed); null when it is. */
  unknown: MessageValue | null;
}

export type DrainOutcome = { drained: true; seconds: number } | { drained: false; by: string; lag: number };

/** Waits until the group is drained (lag 0 for every consumer group, routes read-only long enough) or an operator stops waiting. */
export async function drainGroup(
  ctx: StepContext,
  res: OperationResources,
  brokerName: string,
  nameServers: string[],
): Promise<DrainOutcome> {
  await clearStopWaiting(ctx.step.id);
  // From here until the drain is over the step reports progress below 1: what "stop waiting" looks for.
  ctx.progress(0);
  const began = Date.now();
  let wipedAt = began;
  let topics: string[] | null = null;
  let first: number | null = null;
  let nextReport = began + REPORT_MS;
  let nextRouteCheck = began;
  for (;;) {
    if (ctx.signal.aborted) throw new StepFailure(message("jobLog.cancelled"));
    const members = await probeGroup(res.rocketmq, res.fromLayouts, brokerName);
    const asked = memberToAsk(members);
    const stop = await readStopWaiting(ctx.step.id);
    const lag = asked ? await readLag(res, brokerName, asked.layout.address) : noAnswer(brokerName);
    if (stop) {
      ctx.log(message("scale.drain.stoppedWaiting", { user: stop.by, group: brokerName, lag: lag.unknown ? "?" : lag.total }), "stderr");
      ctx.progress(1);
      return { drained: false, by: stop.by, lag: lag.total };
    }
    const now = Date.now();
    if (asked && now >= nextRouteCheck) {
      topics ??= await writableTopics(res, asked.layout.address).catch(() => null);
      const restored = topics ? await writableRoutes(res, brokerName, nameServers, topics) : [];
      if (restored.length > 0) {
        ctx.log(message("scale.routes.restored", { group: brokerName, routes: messageList("comma", restored) }), "stderr");
        await wipeWritePermission(ctx, res, brokerName, nameServers);
        wipedAt = Date.now();
      }
      nextRouteCheck = now + ROUTE_CHECK_MS;
    }
    first ??= lag.unknown ? null : lag.total;
    const sinceWipe = now - wipedAt;
    const byLag = first ? 1 - lag.total / first : 1;
    ctx.progress(Math.min(0.99, byLag, sinceWipe / ROUTE_REFRESH_MS));
    if (!lag.unknown && lag.total === 0 && sinceWipe >= ROUTE_REFRESH_MS) {
      const seconds = ((Date.now() - began) / 1000).toFixed(1);
      ctx.log(message("scale.drain.drained", { group: brokerName, groups: lag.groups, seconds }));
      ctx.progress(1);
      return { drained: true, seconds: Number(seconds) };
    }
    if (now >= nextReport) {
      ctx.log(report(brokerName, lag, sinceWipe));
      nextReport = now + REPORT_MS;
    }
    await sleep(POLL_MS, undefined, { signal: ctx.signal }).catch(() => undefined);
  }
}

/** The leader holds the committed offsets; a follower's copy may be seconds old. Any member that answers otherwise. */
function memberToAsk(members: LiveMember[]): LiveMember | undefined {
  const leader = agreedLeader(members);
  return members.find((m) => m.selfId === leader) ?? members.find((m) => m.up);
}

const noAnswer = (brokerName: string): Lag => ({
  total: 0,
  lagging: [],
  groups: 0,
  unknown: message("scale.drain.noMember", { group: brokerName }),
});

async function readLag(res: OperationResources, brokerName: string, broker: string): Promise<Lag> {
  let names: string[];
  try {
    names = (await res.rocketmq.getAllSubscriptionGroups(broker, { timeoutMs: CALL_TIMEOUT_MS })).groups
      .map((g) => g.groupName)
      .filter((g) => !isSystemGroup(g));
  } catch (error) {
    return { total: 0, lagging: [], groups: 0, unknown: errorText(error) };
  }
  const lags = await Promise.all(
    names.map(async (group) => {
      try {
        const stats = await res.rocketmq.getConsumeStats(broker, group, { timeoutMs: CALL_TIMEOUT_MS });
        const lag = stats.queues.filter((q) => q.brokerName === brokerName).reduce((sum, q) => sum + q.lag, 0);
        return { group, lag, error: null };
      } catch (error) {
        return { group, lag: 0, error: message("scale.drain.statsFailed", { group, error: errorText(error) }) };
      }
    }),
  );
  const failed = lags.flatMap((l) => (l.error ? [l.error] : []));
  return {
    total: lags.reduce((sum, l) => sum + l.lag, 0),
    lagging: lags.filter((l) => l.lag > 0).map(({ group, lag }) => ({ group, lag })),
    groups: names.length,
    unknown: failed.length > 0 ? messageList("semicolon", failed) : null,
  };
}

function report(brokerName: string, lag: Lag, sinceWipe: number) {
  const seconds = Math.round(sinceWipe / 1000);
  if (lag.unknown) return message("scale.drain.lagUnknown", { group: brokerName, reason: lag.unknown, seconds });
  if (lag.total === 0)
    return message("scale.drain.waitRoutes", { group: brokerName, seconds, needed: Math.round(ROUTE_REFRESH_MS / 1000) });
  const groups = messageList(
    "comma",
    lag.lagging.map((l) => message("scale.drain.groupLag", { group: l.group, lag: l.lag })),
  );
  return message("scale.drain.lagging", { group: brokerName, lag: lag.total, groups, seconds });
}
