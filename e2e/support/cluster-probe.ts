import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Per broker group a NameServer lists for the cluster, the registered brokerIds. */
export interface ProbedCluster {
  groups: { brokerName: string; brokerIds: number[] }[];
}

/**
 * What the panel's own client (lib/rocketmq) reads from a NameServer, through e2e/support/rocketmq-probe.ts in a
 * process of its own: lib/ is server-only (the react-server condition), which Playwright's runner is not.
 */
export async function probeCluster(namesrv: string, cluster: string): Promise<ProbedCluster> {
  const { stdout } = await run(process.execPath, [
    "--conditions=react-server",
    "--import",
    "tsx",
    "e2e/support/rocketmq-probe.ts",
    namesrv,
    cluster,
  ]);
  return JSON.parse(stdout) as ProbedCluster;
}
