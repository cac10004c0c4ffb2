import { createdJobResponse } from "../../lib/http/openapi-responses";
import type { PanelClient } from "./client";
import { findCluster } from "./clusters";
import { CliError, EXIT } from "./errors";
import { jobLogs } from "./jobs";
import { type Output, show } from "./output";

interface JobOptions extends Output {
  follow: boolean;
}

/** Deploys a revision (the desired one unless --revision): the panel uploads its own RocketMQ release to the hosts. */
export async function deploy(
  client: PanelClient,
  clusterName: string,
  options: JobOptions & { revision?: number; nameServerJvmOptions?: string },
): Promise<number> {
  const cluster = await findCluster(client, clusterName);
  const request = { kind: "deploy", clusterId: cluster.id, revision: options.revision, nameServerJvmOptions: options.nameServerJvmOptions };
  const created = await client.post("/api/jobs", request, createdJobResponse);
  return started(client, created.jobId, `deploy of ${cluster.name}`, options);
}

/**
 * `group/node` restarts one node (leadership handed off first when it leads); `group` with --rolling restarts the
 * group node by node; --rolling alone, the whole cluster.
 */
export async function restart(
  client: PanelClient,
  clusterName: string,
  target: string | undefined,
  options: JobOptions & { rolling: boolean; force: boolean },
): Promise<number> {
  const request = { action: "restart", target: restartTarget(target, options.rolling), force: options.force };
  const cluster = await findCluster(client, clusterName);
  const created = await client.post(`/api/clusters/${cluster.id}/operations`, request, createdJobResponse);
  return started(client, created.jobId, `restart of ${target ?? "every node"} in ${cluster.name}`, options);
}

function restartTarget(target: string | undefined, rolling: boolean) {
  if (target === undefined) {
    if (!rolling) throw new CliError("name a node (group/n0), or pass --rolling to restart the whole cluster node by node", EXIT.usage);
    return { kind: "cluster" };
  }
  const [brokerName, selfId, ...rest] = target.split("/");
  if (!brokerName || rest.length > 0 || selfId === "") throw new CliError(`"${target}" is not <group> or <group>/<node>`, EXIT.usage);
  if (selfId !== undefined) return { kind: "node", brokerName, selfId };
  if (!rolling) throw new CliError(`restarting all of ${brokerName} goes node by node: pass --rolling`, EXIT.usage);
  return { kind: "group", brokerName };
}

async function started(client: PanelClient, jobId: string, what: string, options: JobOptions): Promise<number> {
  if (!options.follow) {
    show(options, { jobId }, () => `${what} started: job ${jobId} (rmq-panel jobs logs ${jobId} --follow)`);
    return EXIT.ok;
  }
  if (!options.json) console.log(`${what}: job ${jobId}`);
  return jobLogs(client, jobId, options);
}
