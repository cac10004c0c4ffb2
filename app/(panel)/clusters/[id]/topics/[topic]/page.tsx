import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { consoleAccess } from "@/components/console/access";
import { ClusterTabs } from "@/components/console/cluster-tabs";
import { nameFromSegment, topicsHref } from "@/components/console/links";
import { TopicView } from "@/components/console/topic-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getCluster } from "@/lib/clusters";
import { topicParams } from "@/lib/console/schema";
import { orNotFound } from "@/lib/http/or-not-found";

export const dynamic = "force-dynamic";

export default async function TopicPage({ params }: { params: Promise<{ id: string; topic: string }> }) {
  const user = await requireUser();
  const raw = await params;
  const parsed = topicParams.safeParse({ ...raw, topic: nameFromSegment(raw.topic) });
  if (!parsed.success) notFound();
  const { id, topic } = parsed.data;
  const cluster = await orNotFound(getCluster(id));
  const t = await getTranslations("console.pages");
  return (
    <>
      <PageHeader
        title={t("topic", { topic })}
        description={
          <span>
            {cluster.name} ·{" "}
            <Link href={topicsHref(id)} className="text-indigo-700 underline">
              {t("allTopics")}
            </Link>
          </span>
        }
      />
      <ClusterTabs clusterId={id} />
      <TopicView clusterId={id} topic={topic} access={consoleAccess(user.role)} />
    </>
  );
}
