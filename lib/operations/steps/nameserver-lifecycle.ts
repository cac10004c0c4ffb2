import "server-only";
import { errorText, type StepContext, StepFailure, type StepOutcome } from "../../jobs/model";
import { message, messageList } from "../../i18n/message";
import type { NodeLayout } from "../../nodes/layout";
import { type NodeOnHost, stopProcess } from "../../nodes/stop";
import { startWithRevisionConfig } from "../broker-steps";
import { waitUntil } from "../live-group";
import { assertAnotherNameServerUp } from "../nameserver-steps";
import type { OperationResources } from "../resources";

// A NameServer joins or leaves a running cluster. Joining needs nothing of the others: brokers learn of it when
// they are rolled to the new namesrvAddr (later steps of the plan). Leaving comes after that roll, so no broker
// still registers with it, and never takes the last NameServer clients can ask.

const ANSWER_TIMEOUT_MS = 30_000;
// A broker rolled off this NameServer closed its connection, which removes it at once; give a slow one a moment.
const UNREGISTER_TIMEOUT_MS = 15_000;

async function onHost(res: OperationResources, node: NodeLayout): Promise<NodeOnHost> {
  const host = res.connections.host(node.hostId);
  return { node, host, session: await res.connections.session(host.id) };
}

/** A NameServer the applied revision adds: configured, started (a no-op when it runs this launch), answering. */
export async function startNameServer(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<StepOutcome> {
  const { started } = await startWithRevisionConfig(ctx, res, await onHost(res, node));
  const began = Date.now();
  await waitUntil<true>(
    message("scale.nameServer.waitAnswer", { address: node.address }),
    ANSWER_TIMEOUT_MS,
    ctx.signal,
    async () => {
      try {
        await res.rocketmq.getClusterInfo(node.address, { timeoutMs: 1_500 });
        return { done: true };
      } catch (error) {
        return { waiting: errorText(error) };
      }
    },
    ctx.log,
  );
  ctx.log(message("scale.nameServer.answers", { address: node.address, seconds: ((Date.now() - began) / 1000).toFixed(1) }));
  return { changed: started };
}

/**
 * A NameServer the applied revision removes (a layout of res.fromLayouts): refused while a broker still registers
 * with it or when no other NameServer answers (force, an admin's, goes on), then its own process stopped, pid-checked.
 */
export async function stopNameServer(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<StepOutcome> {
  const where = await onHost(res, node);
  await assertNoBrokerRegistered(ctx, res, node);
  await assertAnotherNameServerUp(ctx, res, node);
  const { stopped } = await stopProcess(ctx, where);
  return { changed: stopped };
}

/** The brokers this NameServer lists now, as "group brokerId address"; null when it does not answer. */
async function registeredBrokers(res: OperationResources, address: string): Promise<string[] | null> {
  try {
    const info = await res.rocketmq.getClusterInfo(address, { timeoutMs: 1_500 });
    return info.clusters.flatMap((c) => c.brokerGroups.flatMap((g) => g.members.map((m) => `${g.brokerName} ${m.brokerId} ${m.address}`)));
  } catch {
    return null;
  }
}

async function assertNoBrokerRegistered(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<void> {
  let brokers: string[] | null;
  try {
    brokers = await waitUntil<string[] | null>(
      message("scale.nameServer.waitUnregistered", { address: node.address }),
      UNREGISTER_TIMEOUT_MS,
      ctx.signal,
      async () => {
        const now = await registeredBrokers(res, node.address);
        return now === null || now.length === 0 ? { done: now } : { waiting: messageList("comma", now) };
      },
      ctx.log,
    );
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    brokers = (await registeredBrokers(res, node.address)) ?? [];
  }
  if (brokers === null) {
    ctx.log(message("scale.nameServer.silent", { address: node.address }));
    return;
  }
  if (brokers.length === 0) {
    ctx.log(message("scale.nameServer.noBrokers", { address: node.address }));
    return;
  }
  const refusal = message("scale.nameServer.brokersRegistered", { address: node.address, brokers: messageList("comma", brokers) });
  if (!res.params.request.force) throw new StepFailure(refusal);
  ctx.log(message("scale.nameServer.forced", { refusal }), "stderr");
}
