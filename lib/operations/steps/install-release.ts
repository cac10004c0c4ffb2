import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import type { OperationResources } from "../resources";

/** Unpacks the applied revision's release beside the running one on a host (the panel's own tarball); nothing stops. */
export async function installRelease(_ctx: StepContext, _res: OperationResources, _hostId: string): Promise<StepOutcome> {
  throw new Error("installRelease: not built yet");
}
