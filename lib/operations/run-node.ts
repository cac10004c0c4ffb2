import "server-only";
import type { StepContext, StepOutcome } from "../jobs/model";
import { message } from "../i18n/message";
import type { NodeLayout } from "../nodes/layout";
import { runsLaunch } from "../nodes/running";
import { type NodeOnHost, stopProcess } from "../nodes/stop";
import { nodeKey } from "../topology/model";
import { describeGroup, startWithRevisionConfig, stopBroker, waitRejoined } from "./broker-steps";
import { probeGroup } from "./live-group";
import { assertAnotherNameServerUp, waitNameServerListing } from "./nameserver-steps";
import type { OperationResources } from "./resources";

/** One node's turn in an operation: judge, hand over, stop, start with the revision's config, wait until it is back. */
export async function runNodeOperation(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<StepOutcome> {
  const host = res.connections.host(node.hostId);
  const where: NodeOnHost = { node, host, session: await res.connections.session(host.id) };
  const outcome = node.kind === "broker" ? await brokerOperation(ctx, res, where) : await nameServerOperation(ctx, res, where);
  if (node.broker && res.params.request.action !== "stop") res.restarted.add(nodeKey(node.broker.brokerName, node.broker.selfId));
  return outcome;
}

async function brokerOperation(ctx: StepContext, res: OperationResources, where: NodeOnHost): Promise<StepOutcome> {
  const { node } = where;
  const { action } = res.params.request;
  const { brokerName, selfId } = node.broker!;
  const members = await probeGroup(res.rocketmq, res.layouts, brokerName);
  const self = members.find((m) => m.selfId === selfId)!;
  ctx.log(message("jobLog.operation.groupNow", { group: brokerName, members: describeGroup(members) }));

  if (action === "apply" && self.up && (await runsLaunch(where))) {
    ctx.log(message("jobLog.operation.upToDate", { node: node.label, revision: res.params.revisionNumber }));
    return { changed: false };
  }
  let stopped = false;
  if (action !== "start") {
    stopped = (await stopBroker(ctx, res, where, members)).stopped;
    if (action === "stop") return { changed: stopped };
  }
  const { started } = await startWithRevisionConfig(ctx, res, where);
  await waitRejoined(ctx, res, node);
  return { changed: stopped || started };
}

async function nameServerOperation(ctx: StepContext, res: OperationResources, where: NodeOnHost): Promise<StepOutcome> {
  const { node } = where;
  const { action } = res.params.request;
  if (action === "apply" && (await runsLaunch(where))) {
    ctx.log(message("jobLog.operation.nameServerUpToDate", { node: node.label, revision: res.params.revisionNumber }));
    return { changed: false };
  }
  let stopped = false;
  if (action !== "start") {
    await assertAnotherNameServerUp(ctx, res, node);
    stopped = (await stopProcess(ctx, where)).stopped;
    if (action === "stop") return { changed: stopped };
  }
  const { started } = await startWithRevisionConfig(ctx, res, where);
  await waitNameServerListing(ctx, res, node);
  return { changed: stopped || started };
}
