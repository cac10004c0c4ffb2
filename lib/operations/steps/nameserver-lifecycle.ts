import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import type { NodeLayout } from "../../nodes/layout";
import type { OperationResources } from "../resources";

/** A NameServer the applied revision adds: configured, started, answering. */
export async function startNameServer(_ctx: StepContext, _res: OperationResources, _node: NodeLayout): Promise<StepOutcome> {
  throw new Error("startNameServer: not built yet");
}

/** A NameServer the applied revision removes (a layout of res.fromLayouts): stopped once no broker registers with it. */
export async function stopNameServer(_ctx: StepContext, _res: OperationResources, _node: NodeLayout): Promise<StepOutcome> {
  throw new Error("stopNameServer: not built yet");
}
