import "server-only";
import { type StepContext, type StepOutcome, StepFailure, errorText } from "../../jobs/model";
import { type Message, message } from "../../i18n/message";
import { ensureReleaseInstalled } from "../../nodes/install-release";
import type { NodeLayout } from "../../nodes/layout";
import { runsLaunch } from "../../nodes/running";
import { type NodeOnHost, stopProcess } from "../../nodes/stop";
import { versionFromDesc } from "../../topology/readings";
import { nodeKey } from "../../topology/model";
import { describeGroup, startWithRevisionConfig, stopBroker, waitRejoined } from "../broker-steps";
import { probeGroup, waitUntil } from "../live-group";
import { assertAnotherNameServerUp, waitNameServerListing } from "../nameserver-steps";
import type { OperationResources } from "../resources";

// A broker that rejoined answers its runtime info at once; a few seconds cover a JVM busy catching up.
const VERSION_TIMEOUT_MS = 20_000;

/**
 * Restarts one process on the applied revision's release with the same store (hand-off, pid-checked stop, rejoin,
 * catch-up); when it does not come back, starts it again on `from` (the old release and config) and fails the step.
 * `node` is the process in the applied revision, `from` the same process as it runs now.
 */
export async function upgradeNode(ctx: StepContext, res: OperationResources, node: NodeLayout, from: NodeLayout): Promise<StepOutcome> {
  const host = res.connections.host(node.hostId);
  const where: NodeOnHost = { node, host, session: await res.connections.session(host.id) };
  const version = res.spec.cluster.rocketmqVersion;
  if (await runsLaunch(where)) {
    ctx.log(message("upgrade.alreadyUpgraded", { node: node.label, version }));
    // A run cut off after the start (a worker that died) resumes here: the node is done once it is back.
    if (node.broker) await waitRejoined(ctx, res, node);
    else await waitNameServerListing(ctx, res, node);
    return { changed: false };
  }
  // Nothing stops before the new release is on the host: a Retry after the host was repaired installs it again here.
  await ensureReleaseInstalled(ctx, { host, session: where.session, connections: res.connections, spec: res.spec }, { kind: "upload" });
  if (node.broker) await upgradeBroker(ctx, res, where, from);
  else await upgradeNameServer(ctx, res, where, from);
  return { changed: true };
}

async function upgradeBroker(ctx: StepContext, res: OperationResources, where: NodeOnHost, from: NodeLayout): Promise<void> {
  const { node } = where;
  const { brokerName, selfId } = node.broker!;
  const members = await probeGroup(res.rocketmq, res.layouts, brokerName);
  ctx.log(message("jobLog.operation.groupNow", { group: brokerName, members: describeGroup(members) }));
  await stopBroker(ctx, res, { ...where, node: from }, members);
  await orRollBack(ctx, res, where, from, {
    attempt: async () => {
      await startWithRevisionConfig(ctx, res, where);
      await waitRejoined(ctx, res, node);
      await waitReportsVersion(ctx, res, node);
    },
    back: async () => {
      await waitRejoined(ctx, res, from);
      const now = await probeGroup(res.rocketmq, res.layouts, brokerName);
      return message("upgrade.groupHealthy", { group: brokerName, members: describeGroup(now) });
    },
  });
  res.restarted.add(nodeKey(brokerName, selfId));
}

async function upgradeNameServer(ctx: StepContext, res: OperationResources, where: NodeOnHost, from: NodeLayout): Promise<void> {
  await assertAnotherNameServerUp(ctx, res, where.node);
  await stopProcess(ctx, { ...where, node: from });
  await orRollBack(ctx, res, where, from, {
    attempt: async () => {
      await startWithRevisionConfig(ctx, res, where);
      await waitNameServerListing(ctx, res, where.node);
    },
    back: async () => {
      await waitNameServerListing(ctx, res, from);
      return message("upgrade.nameServerHealthy");
    },
  });
}

/**
 * Runs `attempt` (start on the new release, wait until it is back); when that fails, stops whatever it left running
 * (pid-checked), starts the node with `from`'s config on `from`'s release, waits until it is `back` and fails the
 * step saying what failed and that Retry resumes here. A cancelled step is not rolled back: every wait would stop at once.
 */
async function orRollBack(
  ctx: StepContext,
  res: OperationResources,
  where: NodeOnHost,
  from: NodeLayout,
  { attempt, back }: { attempt: () => Promise<void>; back: () => Promise<Message> },
): Promise<void> {
  try {
    await attempt();
    return;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const failed = {
      node: where.node.label,
      host: where.host.name,
      version: res.spec.cluster.rocketmqVersion,
      from: res.fromSpec.cluster.rocketmqVersion,
      error: errorText(error),
    };
    ctx.log(message("upgrade.rollingBack", failed), "stderr");
    let health: Message;
    try {
      await stopProcess(ctx, where);
      await startWithRevisionConfig(ctx, res, { ...where, node: from }, res.fromSpec);
      health = await back();
    } catch (rollback) {
      throw new StepFailure(message("upgrade.rollbackFailed", { ...failed, rollback: errorText(rollback) }));
    }
    ctx.log(message("upgrade.rolledBackLog", { node: failed.node, from: failed.from, health }));
    throw new StepFailure(message("upgrade.rolledBack", { ...failed, health }));
  }
}

/** The broker answers GET_BROKER_RUNTIME_INFO with the applied release's version (brokerVersionDesc "V4_9_7"). */
async function waitReportsVersion(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<void> {
  const version = res.spec.cluster.rocketmqVersion;
  await waitUntil<true>(
    message("upgrade.waitVersion", { node: node.label, version }),
    VERSION_TIMEOUT_MS,
    ctx.signal,
    async () => {
      const info = await res.rocketmq.getBrokerRuntimeInfo(node.address, { timeoutMs: 3_000 }).catch(() => null);
      const reported = versionFromDesc(info?.version);
      if (reported === version) return { done: true };
      return { waiting: reported ? message("upgrade.reportsVersion", { version: reported }) : message("upgrade.noVersionYet") };
    },
    ctx.log,
  );
  ctx.log(message("upgrade.runsVersion", { node: node.label, version }));
}
