import "server-only";
import { pathsOverlap } from "../../design/model/paths";
import { errorText, type StepContext, StepFailure, type StepOutcome } from "../../jobs/model";
import { message } from "../../i18n/message";
import type { NodeLayout } from "../../nodes/layout";
import { type NodeOnHost, stopProcess } from "../../nodes/stop";
import { describeGroup } from "../broker-steps";
import { probeGroup, waitUntil } from "../live-group";
import type { OperationResources } from "../resources";
import { agreedLeader, rollingOrder } from "../safety";
import { type DrainOutcome, drainGroup } from "./drain-group";
import { nameServerAddresses, wipeWritePermission } from "./group-routes";

// A stopped broker unregisters from every NameServer as it shuts down; one killed instead is expired after 120 s of
// silence (scanned every 10 s).
const UNLISTED_TIMEOUT_MS = 150_000;

/**
 * A group the applied revision removes (its nodes are in res.fromLayouts): write permission wiped on every
 * NameServer, drained until no consumer group lags on it (or an operator stops waiting), stopped one node at a time
 * (followers first, the leader last), no longer listed; its store stays on disk unless the request asked to delete
 * it. A retry of a group already stopped only checks and finishes.
 */
export async function decommissionGroup(ctx: StepContext, res: OperationResources, brokerName: string): Promise<StepOutcome> {
  const nodes = res.fromLayouts.filter((l) => l.broker?.brokerName === brokerName);
  const revision = res.params.fromRevisionNumber ?? res.params.revisionNumber;
  if (nodes.length === 0) throw new StepFailure(message("scale.decommission.notDeployed", { group: brokerName, revision }));
  // The job judges again what the plan judged: never the last group, never one the applied revision keeps.
  if (res.layouts.some((l) => l.broker?.brokerName === brokerName))
    throw new StepFailure(message("scale.decommission.stillInRevision", { group: brokerName, revision: res.params.revisionNumber }));
  if (res.spec.groups.length === 0) throw new StepFailure(message("scale.decommission.lastGroup", { group: brokerName }));
  const nameServers = nameServerAddresses(res);
  const members = await probeGroup(res.rocketmq, res.fromLayouts, brokerName);
  ctx.log(message("jobLog.operation.groupNow", { group: brokerName, members: describeGroup(members) }));

  let drain: DrainOutcome | null = null;
  if (members.some((m) => m.up)) {
    await assertAnotherGroupWritable(ctx, res, brokerName);
    await wipeWritePermission(ctx, res, brokerName, nameServers);
    drain = await drainGroup(ctx, res, brokerName, nameServers);
  } else {
    ctx.log(message("scale.decommission.noneAnswers", { group: brokerName }));
  }
  const stopped = await stopGroup(ctx, res, brokerName);
  await waitUnlisted(ctx, res, brokerName, nameServers);
  const deleted = await keepOrDeleteStores(ctx, res, nodes);
  return { changed: stopped.length > 0 || deleted, detail: { drain, stopped, storesDeleted: deleted } };
}

/** Producers need somewhere to go: another group of the applied revision with a leader (force, an admin's, goes on). */
async function assertAnotherGroupWritable(ctx: StepContext, res: OperationResources, brokerName: string): Promise<void> {
  const others = res.spec.groups.map((g) => g.brokerName).filter((name) => name !== brokerName);
  for (const other of others) {
    if (agreedLeader(await probeGroup(res.rocketmq, res.layouts, other))) {
      ctx.log(message("scale.decommission.takesWrites", { group: brokerName, other }));
      return;
    }
  }
  const refusal = message("scale.decommission.noOtherLeader", { group: brokerName, others: others.join(", ") });
  if (!res.params.request.force) throw new StepFailure(refusal);
  ctx.log(message("scale.nameServer.forced", { refusal }), "stderr");
}

/** Each node's own process, pid-checked, one at a time: nodes already down, then followers, the leader last. */
async function stopGroup(ctx: StepContext, res: OperationResources, brokerName: string): Promise<string[]> {
  const members = await probeGroup(res.rocketmq, res.fromLayouts, brokerName);
  const leader = agreedLeader(members);
  const order = rollingOrder(members, (selfId) => {
    const member = members.find((m) => m.selfId === selfId);
    return !member?.up ? "down" : selfId === leader ? "leader" : "follower";
  });
  const stopped: string[] = [];
  for (const member of order) {
    const where = await onHost(res, member.layout);
    if ((await stopProcess(ctx, where)).stopped) stopped.push(member.layout.label);
  }
  return stopped;
}

/** Every NameServer that answers no longer lists the group; those that do not answer are named, not waited for. */
async function waitUnlisted(ctx: StepContext, res: OperationResources, brokerName: string, nameServers: string[]): Promise<void> {
  const began = Date.now();
  const silent = await waitUntil<string[]>(
    message("scale.decommission.waitUnlisted", { group: brokerName }),
    UNLISTED_TIMEOUT_MS,
    ctx.signal,
    async () => {
      const listing: string[] = [];
      const quiet: string[] = [];
      for (const address of nameServers) {
        try {
          const info = await res.rocketmq.getClusterInfo(address, { timeoutMs: 1_500 });
          if (info.clusters.some((c) => c.brokerGroups.some((g) => g.brokerName === brokerName && g.members.length > 0)))
            listing.push(address);
        } catch {
          quiet.push(address);
        }
      }
      if (listing.length > 0) return { waiting: message("scale.decommission.stillListed", { nameServers: listing.join(", ") }) };
      if (quiet.length === nameServers.length) return { waiting: message("jobLog.operation.noNameServerAnswers") };
      return { done: quiet };
    },
    ctx.log,
  );
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  ctx.log(message("scale.decommission.unlisted", { group: brokerName, count: nameServers.length - silent.length, seconds }));
  if (silent.length > 0) ctx.log(message("scale.decommission.unlistedSilent", { nameServers: silent.join(", ") }), "stderr");
}

/** Says where each node's store stays, or (deleteData) removes the store and the node's folder. */
async function keepOrDeleteStores(ctx: StepContext, res: OperationResources, nodes: NodeLayout[]): Promise<boolean> {
  const { request } = res.params;
  const deleteData = request.action === "apply" && request.deleteData;
  for (const node of nodes) {
    const host = res.connections.host(node.hostId);
    if (!deleteData) {
      ctx.log(message("scale.store.kept", { node: node.label, host: host.name, paths: node.storePaths.join(", ") }));
      continue;
    }
    const paths = [...node.storePaths, node.dir];
    assertDeletable(res, node, paths);
    const session = await res.connections.session(host.id);
    try {
      // Each path is one argv word, quoted by lib/ssh; all of them come from the layout, none from input.
      await session.run("deleting the store", ["rm", "-rf", "--", ...paths], { signal: ctx.signal });
    } catch (error) {
      throw new StepFailure(message("scale.store.deleteFailed", { node: node.label, host: host.name, error: errorText(error) }));
    }
    ctx.log(message("scale.store.deleted", { node: node.label, host: host.name, paths: paths.join(", ") }));
  }
  return deleteData;
}

/** Never a shallow path, and never one a process that stays on the host still uses. */
function assertDeletable(res: OperationResources, node: NodeLayout, paths: string[]): void {
  const staying = res.layouts.filter((l) => l.hostId === node.hostId);
  for (const path of paths) {
    if (!path.startsWith("/") || path.split("/").filter(Boolean).length < 2)
      throw new StepFailure(message("scale.store.shallowPath", { node: node.label, path }));
    const users = staying.filter((l) => [...l.storePaths, l.dir].some((used) => pathsOverlap(path, used))).map((l) => l.label);
    if (users.length > 0) throw new StepFailure(message("scale.store.sharedPath", { node: node.label, path, users: users.join(", ") }));
  }
}

async function onHost(res: OperationResources, node: NodeLayout): Promise<NodeOnHost> {
  const host = res.connections.host(node.hostId);
  return { node, host, session: await res.connections.session(host.id) };
}
