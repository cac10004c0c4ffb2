import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import { message } from "../../i18n/message";
import { ensureReleaseInstalled } from "../../nodes/install-release";
import type { OperationResources } from "../resources";

/**
 * Unpacks the applied revision's release beside the running one on a host; nothing stops. Idempotent: a host that
 * has it already is left as it is. Apply always installs from the panel's own tarball (npm run rocketmq:fetch): the
 * URL a deploy may have used is the deploy job's, and the release the plan offers is one the panel assembled.
 */
export async function installRelease(ctx: StepContext, res: OperationResources, hostId: string): Promise<StepOutcome> {
  const host = res.connections.host(hostId);
  ctx.log(message("upgrade.installing", { version: res.spec.cluster.rocketmqVersion, host: host.name }));
  const session = await res.connections.session(hostId);
  return ensureReleaseInstalled(ctx, { host, session, connections: res.connections, spec: res.spec }, { kind: "upload" });
}
