import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { type StepContext, type StepOutcome, StepFailure } from "../../jobs/model";
import { english } from "../../i18n/translate";
import { message, messageList } from "../../i18n/message";
import { nodeAddress } from "../../design";
import { judgeCluster, type Observation } from "../health";
import type { DeployResources } from "../resources";

// Registration follows a leader election (about 10 s after the last node starts) and, for the leader, its
// catching up; the first heartbeat to the NameServers is immediate on each role change.
const VERIFY_TIMEOUT_MS = 150_000;
const POLL_MS = 2_000;

/** Asks every NameServer and every DLedger member until the cluster is healthy; marks nothing itself. */
export async function verify(ctx: StepContext, { spec, rocketmq }: DeployResources): Promise<StepOutcome> {
  const deadline = Date.now() + VERIFY_TIMEOUT_MS;
  let lastProblems = "";
  for (;;) {
    const judgement = judgeCluster(spec, await observe(spec, rocketmq));
    if (judgement.healthy) {
      for (const line of judgement.summary) ctx.log(line);
      return { changed: null, detail: { groups: judgement.summary.map(english) } };
    }
    const problems = judgement.problems.map(english).join("\n");
    if (problems !== lastProblems) {
      ctx.log(message("jobLog.verify.notYet"));
      for (const problem of judgement.problems) ctx.log(problem);
      lastProblems = problems;
    }
    if (Date.now() > deadline) {
      throw new StepFailure(
        message("jobLog.verify.timeout", { seconds: VERIFY_TIMEOUT_MS / 1000, problems: messageList("semicolon", judgement.problems) }),
      );
    }
    await sleep(POLL_MS, undefined, { signal: ctx.signal }).catch(() => undefined);
    if (ctx.signal.aborted) throw new StepFailure(message("jobLog.cancelled"));
  }
}

async function observe(spec: DeployResources["spec"], rocketmq: DeployResources["rocketmq"]): Promise<Observation> {
  const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
  const nameServers = new Map(
    await Promise.all(
      spec.nameServers.map(async (ns) => {
        const address = `${ns.address}:${ns.port}`;
        return [address, await rocketmq.getClusterInfo(address).catch(asError)] as const;
      }),
    ),
  );
  const members = new Map(
    await Promise.all(
      spec.groups.flatMap((group) =>
        group.nodes.map(async (node) => {
          const state = await rocketmq
            .getDledgerMemberState(`${nodeAddress(node)}:${node.dLegerPort}`, { group: group.dLegerGroup, selfId: node.selfId })
            .catch(asError);
          return [`${group.brokerName}/${node.selfId}`, state] as const;
        }),
      ),
    ),
  );
  return { nameServers, members };
}
