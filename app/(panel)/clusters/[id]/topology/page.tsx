import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClusterTabs } from "@/components/console/cluster-tabs";
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
  const t = await getTranslations("topology.page");
  return (
    <>
      <PageHeader
        title={t("title", { name: cluster.name })}
        description={
          <span>
            <span className="font-mono">{cluster.brokerClusterName}</span> · {t("rocketmq", { version: cluster.rocketmqVersion })} ·{" "}
            {watch.source === "attached"
              ? t("attachedThrough", { nameServers: watch.nameServers.join(", ") })
              : watch.source === "revision"
                ? t("watchedAsDeployed", { number: String(cluster.deployedRevision?.number) })
                : t("notWatched")}{" "}
            ·{" "}
            <Link href={`/clusters/${id}`} className="text-indigo-700 underline">
              {t("cluster")}
            </Link>
          </span>
        }
      />
      <ClusterTabs clusterId={id} />
      {watch.source === null && !snapshot ? (
        <Alert tone="info">
          {t.rich("unwatched", {
            attach: (chunks) => (
              <Link href="/clusters/attach" className="underline">
                {chunks}
              </Link>
            ),
          })}
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
