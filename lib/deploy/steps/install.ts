import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import { ensureReleaseInstalled } from "../../nodes/install-release";
import type { HostStepInput } from "../resources";

/** Gets the tarball onto the host (SFTP or the host's own download), verifies it, unpacks it; skips all when done. */
export function install(ctx: StepContext, { host, session, resources }: HostStepInput): Promise<StepOutcome> {
  return ensureReleaseInstalled(ctx, { host, session, connections: resources.connections, spec: resources.spec }, resources.params.source);
}
