import "server-only";
import { errorText, type StepContext, StepFailure } from "../../jobs/model";
import { message } from "../../i18n/message";
import type { OperationResources } from "../resources";

// A decommissioned group's write permission on the NameServers (205 WIPE_WRITE_PERM_OF_BROKER). The wipe is not
// sticky: a broker that registers a changed topic table (a topic created, a retry topic made for a new consumer
// group, a new leader) gives the NameServer its permissions back, so the drain checks and wipes again.

const CALL_TIMEOUT_MS = 2_000;
/** PermName.PERM_WRITE. */
const PERM_WRITE = 2;
// One re-registration restores every topic of the broker at once on 4.9.x; 5.x may register one new topic alone.
// Checking every topic is what catches both, bounded so a group with thousands of topics stays cheap to check.
const MAX_CHECKED_TOPICS = 50;

/** Every NameServer that may route to the group: the applied revision's and any the previous one still runs. */
export function nameServerAddresses(res: OperationResources): string[] {
  return [...new Set([...res.layouts, ...res.fromLayouts].filter((l) => l.kind === "namesrv").map((l) => l.address))];
}

/** Removes the group's write permission on every NameServer that answers; fails when none does. */
export async function wipeWritePermission(ctx: StepContext, res: OperationResources, brokerName: string, nameServers: string[]) {
  let answered = 0;
  for (const address of nameServers) {
    try {
      const topics = await res.rocketmq.wipeWritePermOfBroker(address, brokerName, { timeoutMs: CALL_TIMEOUT_MS });
      answered++;
      ctx.log(message("scale.routes.wiped", { group: brokerName, address, topics }));
    } catch (error) {
      ctx.log(message("scale.routes.wipeFailed", { group: brokerName, address, error: errorText(error) }), "stderr");
    }
  }
  if (answered === 0)
    throw new StepFailure(message("scale.routes.noNameServer", { group: brokerName, nameServers: nameServers.join(", ") }));
}

/** The group's own topics that producers write to: not its consumer groups' retry and dead-letter topics. */
export async function writableTopics(res: OperationResources, brokerAddress: string): Promise<string[]> {
  const { topics } = await res.rocketmq.getAllTopicConfigs(brokerAddress, { timeoutMs: CALL_TIMEOUT_MS });
  return topics
    .filter((t) => (t.perm & PERM_WRITE) !== 0 && !t.topic.startsWith("%RETRY%") && !t.topic.startsWith("%DLQ%"))
    .map((t) => t.topic)
    .slice(0, MAX_CHECKED_TOPICS);
}

/** "NameServer topic" for each route that lets producers write to the group again; NameServers that do not answer are skipped. */
export async function writableRoutes(
  res: OperationResources,
  brokerName: string,
  nameServers: string[],
  topics: string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const address of nameServers) {
    const answers = await res.rocketmq.getClusterInfo(address, { timeoutMs: CALL_TIMEOUT_MS }).then(
      () => true,
      () => false,
    );
    if (!answers) continue;
    for (const topic of topics) {
      const route = await res.rocketmq.getTopicRoute(address, topic, { timeoutMs: CALL_TIMEOUT_MS }).catch(() => null);
      if (route?.queues.some((q) => q.brokerName === brokerName && (q.perm & PERM_WRITE) !== 0)) found.push(`${address} ${topic}`);
    }
  }
  return found;
}
