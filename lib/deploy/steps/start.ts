import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import { distributionHome, type NodeLayout } from "../../nodes/layout";
import { startNode } from "../../nodes/start";
import type { HostStepInput } from "../resources";

/** Starts this host's processes of one kind, one after another, each with its own pidfile and heap. */
export async function startNodes(ctx: StepContext, input: HostStepInput, kind: NodeLayout["kind"]): Promise<StepOutcome> {
  const started: { label: string; pid: number; bootMs: number }[] = [];
  let changed = false;
  const where = { host: input.host, session: input.session, home: distributionHome(input.resources.spec) };
  for (const node of input.nodes.filter((n) => n.kind === kind)) {
    const result = await startNode(ctx, where, node);
    changed ||= result.started;
    started.push({ label: node.label, pid: result.pid, bootMs: result.bootMs });
  }
  return { changed, exitCode: 0, detail: { nodes: started } };
}
