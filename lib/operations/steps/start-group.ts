import "server-only";
import { type StepContext, StepFailure, type StepOutcome } from "../../jobs/model";
import { message } from "../../i18n/message";
import type { NodeLayout } from "../../nodes/layout";
import { startWithRevisionConfig, waitRejoined } from "../broker-steps";
import type { OperationResources } from "../resources";

/**
 * A group the applied revision adds: every node configured and started, a leader elected, every NameServer listing
 * each node under the brokerId its role implies. Only the group's own processes are touched (their conf files,
 * their pidfiles); a node that already runs the revision's launch is left as it is, so a retry only waits.
 */
export async function startGroup(ctx: StepContext, res: OperationResources, brokerName: string): Promise<StepOutcome> {
  const nodes = res.layouts.filter((l) => l.broker?.brokerName === brokerName);
  if (nodes.length === 0)
    throw new StepFailure(message("scale.startGroup.notInRevision", { group: brokerName, revision: res.params.revisionNumber }));
  ctx.log(message("scale.startGroup.starting", { group: brokerName, count: nodes.length, nodes: nodes.map((n) => n.label).join(", ") }));
  // All of them before any wait: one DLedger node cannot elect a leader alone, so a node waits for its peers.
  const started = await Promise.all(nodes.map((node) => startOne(ctx, res, node)));
  for (const node of nodes) await waitRejoined(ctx, res, node);
  ctx.log(message("scale.startGroup.started", { group: brokerName, count: nodes.length }));
  return { changed: started.some(Boolean) };
}

async function startOne(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<boolean> {
  const host = res.connections.host(node.hostId);
  const { started } = await startWithRevisionConfig(ctx, res, { node, host, session: await res.connections.session(host.id) });
  return started;
}
