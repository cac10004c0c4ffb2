import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { consoleAccess } from "@/components/console/access";
import { ClusterTabs } from "@/components/console/cluster-tabs";
import { TopicList } from "@/components/console/topic-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getCluster } from "@/lib/clusters";
import { orNotFound } from "@/lib/http/or-not-found";

export const dynamic = "force-dynamic";

export default async function TopicsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const cluster = await orNotFound(getCluster(id));
  const t = await getTranslations("console.pages");
  return (
    <>
      <PageHeader
        title={t("topics", { name: cluster.name })}
        description={
          <span>
            <span className="font-mono">{cluster.brokerClusterName}</span> ·{" "}
            <Link href={`/clusters/${id}`} className="text-indigo-700 underline">
              {t("cluster")}
            </Link>
          </span>
        }
      />
      <ClusterTabs clusterId={id} />
      <TopicList clusterId={id} access={consoleAccess(user.role)} />
    </>
  );
}
