import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import type { OperationResources } from "../resources";

/** A group the applied revision adds: every node configured and started, a leader elected, every NameServer listing it. */
export async function startGroup(_ctx: StepContext, _res: OperationResources, _brokerName: string): Promise<StepOutcome> {
  throw new Error("startGroup: not built yet");
}
