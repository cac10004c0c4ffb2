import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { db } from "../db";
import { clusterSpecSchema } from "../design";
import { createRocketmqClient, type RocketmqClient } from "../rocketmq";
import { layoutFromSpec, placeLayout, type TopologyLayout } from "./layout";
import { claimLease, LEASE_TTL_MS, releaseLease } from "./lease";
import { Limiter } from "./limiter";
import { ClusterPoller } from "./poller";
import type { SnapshotMeta } from "./snapshot";
import { insertSamples, loadTopologyState, publishSnapshot, pruneSamples, type SampleRow, saveLayout } from "./store";

const RECONCILE_MS = 2_000;
const SAMPLE_FLUSH_MS = 10_000;
const PRUNE_MS = 10 * 60_000;
/** RocketMQ calls in flight at once for the whole worker. */
const MAX_CALLS_IN_FLIGHT = 64;

export interface TopologyPollers {
  id: string;
  /** Clusters this worker polls now. */
  clusterIds: () => string[];
  stop: () => Promise<void>;
}

interface Running {
  poller: ClusterPoller;
  rocketmq: RocketmqClient;
  fingerprint: string;
}

/** A cluster to watch: deployed by the panel (its deployed revision), or attached by NameServer address. */
interface Watched {
  id: string;
  /** Changes when what the poller was started from changes (a new deployed revision, other NameServers). */
  fingerprint: string;
  meta: Omit<SnapshotMeta, "pollerId">;
  seed: (stored: TopologyLayout | null) => TopologyLayout;
  datacenterOf: (host: string) => string | null;
}

/**
 * The worker's topology pollers: every 2 s, claim or renew the lease of each watched cluster, start a poller for
 * each cluster it holds, stop pollers of clusters it lost or that are no longer watched.
 */
export async function startTopologyPollers(options: { log?: (line: string) => void } = {}): Promise<TopologyPollers> {
  const log = options.log ?? ((line: string) => console.log(`[topology] ${line}`));
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const limiter = new Limiter(MAX_CALLS_IN_FLIGHT);
  const running = new Map<string, Running>();
  let samples: SampleRow[] = [];
  let stopped = false;

  const stopPoller = async (clusterId: string, release: boolean) => {
    const current = running.get(clusterId);
    if (!current) return;
    running.delete(clusterId);
    await current.poller.stop();
    await current.rocketmq.close();
    // A lease not released only makes the next worker wait for it to expire (10 s): worth a line, not a failure.
    if (release)
      await releaseLease(clusterId, owner).catch((error) =>
        log(`releasing the lease of cluster ${clusterId} failed: ${error instanceof Error ? error.message : error}`),
      );
  };

  const startPoller = async (cluster: Watched) => {
    const stored = await loadTopologyState(cluster.id);
    const layout = cluster.seed(stored.layout);
    const rocketmq = createRocketmqClient({ timeoutMs: 2_000 });
    const poller = new ClusterPoller({
      meta: { ...cluster.meta, pollerId: owner },
      layout,
      previous: stored.snapshot,
      rocketmq,
      limiter,
      datacenterOf: cluster.datacenterOf,
      log,
      onLeaseLost: () => void stopPoller(cluster.id, false),
      sink: {
        // A lease that expired because its renewal was slow (a loaded database) is taken back at once if still free.
        publish: async (snapshot, events) =>
          (await publishSnapshot(cluster.id, owner, snapshot, events)) ||
          ((await claimLease(cluster.id, owner, LEASE_TTL_MS)) && (await publishSnapshot(cluster.id, owner, snapshot, events))),
        saveLayout: (next) => saveLayout(cluster.id, owner, next),
        sample: (nodeKey, at, figures) => samples.push({ clusterId: cluster.id, nodeKey, at, ...figures }),
      },
    });
    running.set(cluster.id, { poller, rocketmq, fingerprint: cluster.fingerprint });
    poller.start();
    log(`polling cluster ${cluster.id} (${layout.groups.length} group(s), ${layout.nameServers.length} NameServer(s))`);
  };

  let reconciling: Promise<void> | null = null;
  const reconcile = async () => {
    const watched = await watchedClusters();
    const ids = new Set(watched.map((c) => c.id));
    for (const id of [...running.keys()]) if (!ids.has(id)) await stopPoller(id, true);
    for (const cluster of watched) {
      if (stopped) return;
      try {
        const held = await claimLease(cluster.id, owner, LEASE_TTL_MS);
        const current = running.get(cluster.id);
        if (!held) {
          if (current) await stopPoller(cluster.id, false);
          continue;
        }
        if (current && current.fingerprint !== cluster.fingerprint) await stopPoller(cluster.id, false);
        if (!running.has(cluster.id)) await startPoller(cluster);
      } catch (error) {
        log(`cluster ${cluster.id}: ${error instanceof Error ? error.message : error}`);
      }
    }
  };
  const tick = () => {
    if (stopped || reconciling) return;
    reconciling = reconcile()
      .catch((error) => log(`reconciling pollers failed: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        reconciling = null;
      });
  };
  const flushSamples = async () => {
    const batch = samples;
    samples = [];
    await insertSamples(batch).catch((error) =>
      log(`storing ${batch.length} metric samples failed: ${error instanceof Error ? error.message : error}`),
    );
  };
  const prune = () =>
    void pruneSamples().catch((error) => log(`pruning metric samples failed: ${error instanceof Error ? error.message : error}`));

  tick();
  await reconciling;
  const timers = [setInterval(tick, RECONCILE_MS), setInterval(() => void flushSamples(), SAMPLE_FLUSH_MS), setInterval(prune, PRUNE_MS)];
  log(`topology pollers ${owner} ready`);

  return {
    id: owner,
    clusterIds: () => [...running.keys()],
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await reconciling;
      await Promise.all([...running.keys()].map((id) => stopPoller(id, true)));
      await flushSamples();
      log(`topology pollers ${owner} stopped`);
    },
  };
}

async function watchedClusters(): Promise<Watched[]> {
  const [clusters, hosts, datacenters] = await Promise.all([
    db.cluster.findMany({
      where: { OR: [{ attached: { isNot: null } }, { deployedRevisionId: { not: null } }] },
      select: {
        id: true,
        brokerClusterName: true,
        attached: { select: { nameServers: true, datacenter: { select: { code: true } } } },
        deployedRevision: { select: { id: true, number: true, spec: true } },
      },
    }),
    db.host.findMany({ select: { address: true, datacenter: { select: { code: true } } } }),
    db.datacenter.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
  ]);
  const inventory = new Map(hosts.map((h) => [h.address, h.datacenter.code]));
  const watched: Watched[] = [];
  for (const cluster of clusters) {
    if (cluster.attached) {
      const { nameServers } = cluster.attached;
      const fallback = cluster.attached.datacenter?.code ?? null;
      const datacenterOf = (host: string) => inventory.get(host) ?? fallback;
      watched.push({
        id: cluster.id,
        fingerprint: `attached:${nameServers.join(";")}:${fallback}`,
        meta: { clusterId: cluster.id, source: "attached", revision: null, datacenters },
        datacenterOf,
        seed: (stored) =>
          placeLayout(
            { brokerClusterName: stored?.brokerClusterName ?? cluster.brokerClusterName, groups: stored?.groups ?? [], nameServers },
            datacenterOf,
          ),
      });
    } else if (cluster.deployedRevision) {
      const spec = clusterSpecSchema.safeParse(cluster.deployedRevision.spec);
      if (!spec.success) continue;
      const revision = cluster.deployedRevision;
      watched.push({
        id: cluster.id,
        fingerprint: `revision:${revision.id}`,
        meta: { clusterId: cluster.id, source: "revision", revision: { number: revision.number, deployed: true }, datacenters },
        datacenterOf: (host) => inventory.get(host) ?? null,
        seed: () => layoutFromSpec(spec.data),
      });
    }
  }
  return watched;
}
