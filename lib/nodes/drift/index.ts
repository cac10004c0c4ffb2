import "server-only";
import { createHash } from "node:crypto";
import { parseRevision } from "../../clusters";
import { db } from "../../db";
import { nodeLayouts, processKey, type NodeLayout } from "../layout";
import { MAIN_CLASS } from "../remote-scripts";
import { DEFAULT_NAMESERVER_JVM_OPTIONS } from "../schema";
import { compareCluster, type ExpectedProcess, type HostCheck } from "./compare";
import { type HostToRead, readHosts } from "./read-hosts";
import type { ClusterDrift } from "./schema";
import { loadDrift, storeDrift } from "./store";

// The drift of a cluster: what its hosts actually run compared with the deployed revision. Read over SSH on demand
// and after every job of the cluster, stored with the time of the check.

/** The last stored check; null when the cluster was never checked (or has no deployed revision). */
export async function readDrift(clusterId: string): Promise<ClusterDrift | null> {
  return loadDrift(clusterId);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const expectedOf = (node: NodeLayout): ExpectedProcess => ({
  process: processKey(node),
  label: node.label,
  confPath: node.confPath,
  confSha256: sha256(node.file.content),
  launchFingerprint: node.launchFingerprint,
  mainClass: MAIN_CLASS[node.kind],
});

/** Layouts of a deployed revision, NameServers started with the JVM options the last deploy gave them. */
function deployedLayouts(cluster: { deployedNameServerJvmOptions: string | null }, revision: Parameters<typeof parseRevision>[0]) {
  const { spec, files, number } = parseRevision(revision);
  return { spec, number, layouts: nodeLayouts(spec, files, cluster.deployedNameServerJvmOptions ?? DEFAULT_NAMESERVER_JVM_OPTIONS) };
}

/** The pidfiles other deployed clusters keep on these hosts: their JVMs are the panel's, not unknown ones. */
async function otherClustersPidfiles(clusterId: string, hostIds: Set<string>): Promise<Map<string, string[]>> {
  const others = await db.cluster.findMany({
    where: { id: { not: clusterId }, deployedRevisionId: { not: null } },
    include: { deployedRevision: true },
  });
  const byHost = new Map<string, string[]>();
  for (const other of others) {
    for (const node of deployedLayouts(other, other.deployedRevision!).layouts) {
      if (hostIds.has(node.hostId)) byHost.set(node.hostId, [...(byHost.get(node.hostId) ?? []), node.pidfile]);
    }
  }
  return byHost;
}

/** Reads every host of the deployed revision now (bounded in time), stores and returns the result. */
export async function refreshDrift(clusterId: string): Promise<ClusterDrift | null> {
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, include: { deployedRevision: true } });
  if (!cluster?.deployedRevision) return null;
  const { spec, number, layouts } = deployedLayouts(cluster, cluster.deployedRevision);
  const hostIds = [...new Set(layouts.map((node) => node.hostId))];
  const rows = await db.host.findMany({ where: { id: { in: hostIds } } });
  const others = await otherClustersPidfiles(clusterId, new Set(hostIds));
  const onHost = (hostId: string) => layouts.filter((node) => node.hostId === hostId);
  const toRead: HostToRead[] = hostIds.map((hostId) => ({ hostId, managed: onHost(hostId), otherPidfiles: others.get(hostId) ?? [] }));
  const checkedAt = new Date();
  const outcomes = await readHosts(rows, toRead);
  const checks: HostCheck[] = hostIds.map((hostId) => ({
    hostId,
    hostName: rows.find((row) => row.id === hostId)?.name ?? spec.hosts.find((host) => host.id === hostId)?.name ?? hostId,
    expected: onHost(hostId).map(expectedOf),
    outcome: outcomes.get(hostId)!,
  }));
  const drift = compareCluster(checks, number, checkedAt);
  await storeDrift(clusterId, drift);
  return drift;
}
