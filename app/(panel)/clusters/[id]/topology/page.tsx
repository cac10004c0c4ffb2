import Link from "next/link";
import { operationAccess } from "@/components/operations/access";
import { TopologyDashboard } from "@/components/topology/topology-dashboard";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getCluster } from "@/lib/clusters";
import { orNotFound } from "@/lib/http/or-not-found";
import { latestSnapshotText, recentEvents, watchOf } from "@/lib/topology";
import type { TopologySnapshot } from "@/lib/topology/model";

export const dynamic = "force-dynamic";

export default async function TopologyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const cluster = await orNotFound(getCluster(id));
  const [text, events, watch] = await Promise.all([latestSnapshotText(id), recentEvents(id), watchOf(id)]);
  const snapshot = text ? (JSON.parse(text) as TopologySnapshot) : null;
  return (
    <>
      <PageHeader
        title={`${cluster.name}: topology`}
        description={
          <span>
            <span className="font-mono">{cluster.brokerClusterName}</span> · RocketMQ {cluster.rocketmqVersion} ·{" "}
            {watch.source === "attached"
              ? `attached through ${watch.nameServers.join(", ")}`
              : watch.source === "revision"
                ? `watched as deployed (revision #${cluster.deployedRevision?.number})`
                : "not watched"}{" "}
            ·{" "}
            <Link href={`/clusters/${id}`} className="text-indigo-700 underline">
              cluster
            </Link>
          </span>
        }
      />
      {watch.source === null && !snapshot ? (
        <Alert tone="info">
          The panel watches clusters it deployed and clusters attached by their NameServers. Deploy this cluster&apos;s desired revision, or{" "}
          <Link href="/clusters/attach" className="underline">
            attach a running cluster
          </Link>
          .
        </Alert>
      ) : (
        <TopologyDashboard
          clusterId={id}
          initial={{ envelope: { serverNow: Date.now(), snapshot }, events }}
          operations={operationAccess(user.role, id)}
        />
      )}
    </>
  );
}
