import "server-only";
import { registeredBrokerId } from "../design";
import { type StepContext, StepFailure, errorText } from "../jobs/model";
import { type Message, message, type MessageList, messageList } from "../i18n/message";
import { configure } from "../nodes/configure";
import { distributionHome, type NodeLayout } from "../nodes/layout";
import { startNode } from "../nodes/start";
import { type NodeOnHost, stopProcess } from "../nodes/stop";
import { nodeKey } from "../topology/model";
import { RocketmqRemoteError } from "../rocketmq/errors";
import { type LiveMember, probeGroup, registrations, waitUntil } from "./live-group";
import type { OperationResources } from "./resources";
import { agreedLeader, majorityRefusal, healthGateProblem, transfereeCandidates } from "./safety";

// The pieces of a node operation, in the order a restart uses them: judge the group, hand leadership over,
// stop the one process, start it with the revision's config, wait until it is back in its group.

const HANDOVER_TIMEOUT_MS = 15_000;
const ELECTION_TIMEOUT_MS = 60_000;
// Boot, DLedger recovery and catching up on a busy 2-core host.
const REJOIN_TIMEOUT_MS = 180_000;

/** One line per member: "n0 follower, n1 leader, n2 down". */
export function describeGroup(members: readonly LiveMember[]): MessageList {
  const leader = agreedLeader(members);
  const member = (m: LiveMember) => {
    const selfId = m.selfId;
    if (!m.up) return message("jobLog.operation.memberDown", { selfId });
    if (m.selfId === leader) return message("jobLog.operation.memberLeader", { selfId });
    return m.leaderId
      ? message("jobLog.operation.memberFollows", { selfId, leader: m.leaderId })
      : message("jobLog.operation.memberElecting", { selfId });
  };
  return messageList("comma", members.map(member));
}

/** The refusals of a broker operation, judged from live answers; force (an admin's) skips them. */
function assertSafeToStop(members: readonly LiveMember[], node: NodeLayout, options: { force: boolean; rolling: boolean }): void {
  const { brokerName, selfId } = node.broker!;
  if (options.force) return;
  const refusal = majorityRefusal(brokerName, members, selfId);
  if (refusal) throw new StepFailure(message("jobLog.operation.refused", { refusal }));
  const problem = options.rolling ? healthGateProblem(brokerName, members, selfId) : null;
  if (problem) throw new StepFailure(message("jobLog.operation.healthGate", { problem, node: node.label }));
}

/**
 * Moves leadership off `node` to the best caught-up follower and waits until the group follows it.
 * "election" when this DLedger cannot transfer: the group elects a leader once the node stops.
 */
async function handOverLeadership(
  ctx: StepContext,
  res: OperationResources,
  members: LiveMember[],
  node: NodeLayout,
): Promise<"transferred" | "election"> {
  const { brokerName, selfId, dLegerGroup, dledgerAddress } = node.broker!;
  const fresh = new Set(members.filter((m) => res.restarted.has(nodeKey(brokerName, m.selfId))).map((m) => m.selfId));
  const candidates = transfereeCandidates(members, selfId, fresh);
  const group = { group: brokerName, selfId };
  if (candidates.length === 0) {
    if (res.params.request.force) {
      ctx.log(message("jobLog.operation.forcedNoHandover", group));
      return "election";
    }
    throw new StepFailure(message("jobLog.operation.cannotHandOver", { ...group, members: describeGroup(members) }));
  }
  const tried: Message[] = [];
  for (const transferee of candidates) {
    const began = Date.now();
    ctx.log(message("jobLog.operation.askingTransfer", { ...group, transferee }));
    let term: number;
    try {
      ({ term } = await res.rocketmq.transferDledgerLeadership(
        dledgerAddress,
        { group: dLegerGroup, leaderId: selfId, transfereeId: transferee },
        { timeoutMs: 10_000 },
      ));
    } catch (error) {
      if (error instanceof RocketmqRemoteError && (error.codeName === "REQUEST_CODE_NOT_SUPPORTED" || error.codeName === "UNSUPPORTED")) {
        ctx.log(message("jobLog.operation.cannotTransfer", { ...group, code: error.codeName }));
        return "election";
      }
      const reason = errorText(error);
      ctx.log(message("jobLog.operation.didNotTakeOver", { transferee, reason }), "stderr");
      // The answer is not the last word: under load the transferee can win after the leader gave up waiting for it.
      const leader = await leaderAfterRefusedTransfer(ctx, res, brokerName, selfId);
      if (leader) {
        ctx.log(message("jobLog.operation.movedAnyway", { selfId, leader, ms: Date.now() - began }));
        await waitRegisteredAsLeader(ctx, res, brokerName, leader);
        return "transferred";
      }
      tried.push(message("jobLog.operation.tried", { transferee, reason }));
      continue;
    }
    await waitUntil<true>(
      message("jobLog.operation.waitLead", { transferee, group: brokerName }),
      HANDOVER_TIMEOUT_MS,
      ctx.signal,
      async () => {
        const now = await probeGroup(res.rocketmq, res.layouts, brokerName);
        return agreedLeader(now) === transferee ? { done: true } : { waiting: describeGroup(now) };
      },
      ctx.log,
    );
    ctx.log(message("jobLog.operation.moved", { selfId, transferee, term, ms: Date.now() - began }));
    await waitRegisteredAsLeader(ctx, res, brokerName, transferee);
    return "transferred";
  }
  throw new StepFailure(message("jobLog.operation.noTakeover", { ...group, tried: messageList("semicolon", tried) }));
}

/** After a refused transfer: the follower the group agrees leads now, if leadership left `selfId` anyway; else null. */
async function leaderAfterRefusedTransfer(
  ctx: StepContext,
  res: OperationResources,
  brokerName: string,
  selfId: string,
): Promise<string | null> {
  try {
    return await waitUntil<string | null>(
      message("jobLog.operation.waitAgree", { group: brokerName }),
      HANDOVER_TIMEOUT_MS,
      ctx.signal,
      async () => {
        const leader = agreedLeader(await probeGroup(res.rocketmq, res.layouts, brokerName));
        if (leader === null) return { waiting: message("jobLog.operation.noAgreedLeaderYet") };
        return { done: leader === selfId ? null : leader };
      },
      ctx.log,
    );
  } catch {
    return null;
  }
}

/** The NameServers route writes to the new leader once it registers as brokerId 0; a missing one is reported, not fatal. */
async function waitRegisteredAsLeader(ctx: StepContext, res: OperationResources, brokerName: string, leader: string) {
  const layout = res.layouts.find((l) => l.broker?.brokerName === brokerName && l.broker.selfId === leader)!;
  try {
    await waitUntil<true>(
      message("jobLog.operation.waitRegisterLeader", { leader }),
      10_000,
      ctx.signal,
      async () => {
        const regs = await registrations(res.rocketmq, res.spec, brokerName);
        const behind = [...regs].filter(([, r]) => !(r instanceof Error) && r.get(0) !== layout.address).map(([address]) => address);
        return behind.length === 0
          ? { done: true }
          : { waiting: message("jobLog.operation.notYetLeaderOn", { nameServers: behind.join(", ") }) };
      },
      ctx.log,
    );
    ctx.log(message("jobLog.operation.routed", { group: brokerName, leader, address: layout.address }));
  } catch (error) {
    ctx.log(message("jobLog.operation.routeWarning", { error: errorText(error) }), "stderr");
  }
}

/** After a leader stopped without a handover: the rest of the group elects one before the node comes back. */
async function waitForElection(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<void> {
  const { brokerName, selfId } = node.broker!;
  const began = Date.now();
  const leader = await waitUntil<string>(
    message("jobLog.operation.waitElect", { group: brokerName }),
    ELECTION_TIMEOUT_MS,
    ctx.signal,
    async () => {
      const now = await probeGroup(res.rocketmq, res.layouts, brokerName);
      const elected = agreedLeader(now);
      return elected && elected !== selfId ? { done: elected } : { waiting: describeGroup(now) };
    },
    ctx.log,
  );
  ctx.log(message("jobLog.operation.elected", { group: brokerName, leader, seconds: ((Date.now() - began) / 1000).toFixed(1), selfId }));
}

/**
 * Judges the group, hands leadership over when the node leads, stops exactly its process (pid-checked against
 * `where.node`, the layout it runs with) and, when leadership could not be handed over, waits for the election.
 */
export async function stopBroker(
  ctx: StepContext,
  res: OperationResources,
  where: NodeOnHost,
  members: LiveMember[],
): Promise<{ stopped: boolean }> {
  const { node } = where;
  const { selfId } = node.broker!;
  let election = false;
  if (members.find((m) => m.selfId === selfId)!.up) {
    assertSafeToStop(members, node, { force: res.params.request.force, rolling: res.params.rolling });
    if (agreedLeader(members) === selfId) election = (await handOverLeadership(ctx, res, members, node)) === "election";
  }
  const { stopped } = await stopProcess(ctx, where);
  if (election && stopped) await waitForElection(ctx, res, node);
  return { stopped };
}

/**
 * Writes the revision's config if the host's copy differs (the other kept as .prev), then starts the process on
 * that revision's release: the job's own revision, or the one it started from when an upgrade rolls back.
 */
export async function startWithRevisionConfig(
  ctx: StepContext,
  res: OperationResources,
  where: NodeOnHost,
  spec = res.spec,
): Promise<{ started: boolean }> {
  await configure(ctx, { session: where.session, nodes: [where.node] });
  const result = await startNode(ctx, { host: where.host, session: where.session, home: distributionHome(spec) }, where.node);
  return { started: result.started };
}

interface Rejoined {
  leader: string;
  id: number;
  offset: number | null;
  nameServers: number;
  silent: number;
}

/**
 * Back in its group: the DLedger port answers and follows the agreed leader, the node holds at least the commit log
 * the leader had when it rejoined, and every answering NameServer lists it under the brokerId its role implies.
 */
export async function waitRejoined(ctx: StepContext, res: OperationResources, node: NodeLayout): Promise<void> {
  const { brokerName, selfId } = node.broker!;
  const began = Date.now();
  let target: number | null = null;
  const back = await waitUntil<Rejoined>(
    message("jobLog.operation.waitRejoin", { node: node.label, group: brokerName }),
    REJOIN_TIMEOUT_MS,
    ctx.signal,
    async () => {
      const members = await probeGroup(res.rocketmq, res.layouts, brokerName);
      const me = members.find((m) => m.selfId === selfId)!;
      const leader = agreedLeader(members);
      if (!me.up) return { waiting: message("jobLog.operation.dledgerSilent") };
      if (!leader) return { waiting: message("jobLog.operation.groupNoLeader", { group: brokerName, members: describeGroup(members) }) };
      if (me.leaderId !== leader) return { waiting: message("jobLog.operation.notFollowing", { leader }) };
      const leaderOffset = members.find((m) => m.selfId === leader)!.maxOffset;
      if (leader !== selfId) {
        if (leaderOffset === null || me.maxOffset === null) return { waiting: message("jobLog.operation.offsetsUnknown") };
        target ??= leaderOffset;
        if (me.maxOffset < target) return { waiting: message("jobLog.operation.behind", { bytes: target - me.maxOffset }) };
      }
      const id = registeredBrokerId(selfId, leader);
      const regs = await registrations(res.rocketmq, res.spec, brokerName);
      const answering = [...regs].filter((entry): entry is [string, Map<number, string>] => !(entry[1] instanceof Error));
      if (answering.length === 0) return { waiting: message("jobLog.operation.noNameServerAnswers") };
      const missing = answering.filter(([, r]) => r.get(id) !== node.address).map(([address]) => address);
      if (missing.length > 0) return { waiting: message("jobLog.operation.notRegisteredAs", { id, nameServers: missing.join(", ") }) };
      return { done: { leader, id, offset: me.maxOffset, nameServers: answering.length, silent: regs.size - answering.length } };
    },
    ctx.log,
  );
  ctx.log(
    message("jobLog.operation.back", {
      node: node.label,
      seconds: ((Date.now() - began) / 1000).toFixed(1),
      role: back.leader === selfId ? message("jobLog.operation.asLeader") : message("jobLog.operation.asFollower", { leader: back.leader }),
      id: back.id,
      count: back.nameServers,
      silent: back.silent ? message("jobLog.operation.notAnswering", { count: back.silent }) : "",
      offset: back.offset ?? "?",
    }),
  );
}
