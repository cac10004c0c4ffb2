import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import type { NodeLayout } from "../../nodes/layout";
import type { OperationResources } from "../resources";

/**
 * Restarts one process on the applied revision's release with the same store (hand-off, pid-checked stop, rejoin,
 * catch-up); when it does not come back, starts it again on `from` (the old release and config) and fails the step.
 */
export async function upgradeNode(_ctx: StepContext, _res: OperationResources, _node: NodeLayout, _from: NodeLayout): Promise<StepOutcome> {
  throw new Error("upgradeNode: not built yet");
}
