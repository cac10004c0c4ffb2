import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import type { OperationResources } from "../resources";

/**
 * A group the applied revision removes (its nodes are in res.fromLayouts): write permission wiped on every
 * NameServer, drained until no consumer group lags on it (or an operator stops waiting), stopped, no longer listed;
 * its store stays on disk unless the request asked to delete it.
 */
export async function decommissionGroup(_ctx: StepContext, _res: OperationResources, _brokerName: string): Promise<StepOutcome> {
  throw new Error("decommissionGroup: not built yet");
}
