import "server-only";
import { db } from "../../db";
import { AppError, notFound } from "../../errors";
import { message } from "../../i18n/message";
import { readDrift, refreshDrift } from "./index";
import type { ClusterDrift } from "./schema";

// What the drift route asks for: a cluster the panel deployed, else a 404 or a 422 the operator can read.

const notDeployed = (cluster: string) => new AppError(message("drift.errors.notDeployed", { cluster }), 422, "not_deployed");

async function deployedCluster(clusterId: string): Promise<string> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { name: true, deployedRevisionId: true } });
  if (!cluster) throw notFound("cluster");
  if (!cluster.deployedRevisionId) throw notDeployed(cluster.name);
  return cluster.name;
}

export async function lastDrift(clusterId: string): Promise<ClusterDrift | null> {
  await deployedCluster(clusterId);
  return readDrift(clusterId);
}

export async function checkDriftNow(clusterId: string): Promise<ClusterDrift> {
  const name = await deployedCluster(clusterId);
  const drift = await refreshDrift(clusterId);
  if (!drift) throw notDeployed(name);
  return drift;
}
