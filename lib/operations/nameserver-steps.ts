import "server-only";
import { registeredBrokerId } from "../design";
import type { NodeLayout } from "../nodes/layout";
import { type StepContext, StepFailure, errorText } from "../jobs/model";
import { type Message, message, messageList } from "../i18n/message";
import { describeGroup } from "./broker-steps";
import { probeGroup, waitUntil } from "./live-group";
import type { OperationResources } from "./resources";
import { agreedLeader } from "./safety";

// Brokers re-register with every NameServer every 30 s (registerNameServerPeriod): a restarted one is complete
// again within that, plus a JVM start.
const LISTING_TIMEOUT_MS = 75_000;

/** The other NameServers of the cluster that answer now. */
async function otherNameServersUp(res: OperationResources, node: NodeLayout): Promise<{ up: string[]; down: string[] }> {
  const others = res.layouts.filter((l) => l.kind === "namesrv" && l.address !== node.address).map((l) => l.address);
  const answers = await Promise.allSettled(others.map((address) => res.rocketmq.getClusterInfo(address, { timeoutMs: 1_500 })));
  return {
    up: others.filter((_, i) => answers[i].status === "fulfilled"),
    down: others.filter((_, i) => answers[i].status === "rejected"),
  };
}

/** Clients need one NameServer to look routes up: refuse to take down the last one answering unless forced. */
export async function assertAnotherNameServerUp(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<void> {
  const { up, down } = await otherNameServersUp(res, node);
  if (up.length > 0) {
    ctx.log(message("jobLog.operation.otherNameServersUp", { nameServers: up.join(", ") }));
    return;
  }
  const why =
    down.length === 0
      ? message("jobLog.operation.onlyNameServer", { address: node.address })
      : message("jobLog.operation.noOtherNameServer", { down: down.join(", ") });
  if (res.params.request.force) {
    ctx.log(message("jobLog.operation.forcedNameServer", { why }), "stderr");
    return;
  }
  throw new StepFailure(message("jobLog.operation.refusedNameServer", { why }));
}

/** Every broker that is up is listed by the restarted NameServer under the brokerId its DLedger role implies. */
export async function waitNameServerListing(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<void> {
  const began = Date.now();
  const listed = await waitUntil<number>(
    message("jobLog.operation.waitListing", { address: node.address }),
    LISTING_TIMEOUT_MS,
    ctx.signal,
    async () => {
      let info: Awaited<ReturnType<typeof res.rocketmq.getClusterInfo>>;
      try {
        info = await res.rocketmq.getClusterInfo(node.address, { timeoutMs: 1_500 });
      } catch (error) {
        return { waiting: message("jobLog.operation.nameServerSilent", { address: node.address, error: errorText(error) }) };
      }
      const seen = info.clusters.find((c) => c.name === res.spec.cluster.brokerClusterName)?.brokerGroups ?? [];
      const missing: (Message | string)[] = [];
      let count = 0;
      for (const group of res.spec.groups) {
        const members = await probeGroup(res.rocketmq, res.layouts, group.brokerName);
        if (!members.some((m) => m.up)) continue;
        const leader = agreedLeader(members);
        if (!leader) {
          missing.push(message("jobLog.operation.groupNoLeaderYet", { group: group.brokerName, members: describeGroup(members) }));
          continue;
        }
        const listing = new Map((seen.find((g) => g.brokerName === group.brokerName)?.members ?? []).map((m) => [m.brokerId, m.address]));
        for (const member of members.filter((m) => m.up)) {
          if (listing.get(registeredBrokerId(member.selfId, leader)) === member.layout.address) count++;
          else missing.push(`${group.brokerName} ${member.selfId}`);
        }
      }
      return missing.length === 0
        ? { done: count }
        : { waiting: message("jobLog.operation.notRegisteredYet", { missing: messageList("comma", missing) }) };
    },
    ctx.log,
  );
  ctx.log(message("jobLog.operation.listed", { address: node.address, count: listed, seconds: ((Date.now() - began) / 1000).toFixed(1) }));
}
