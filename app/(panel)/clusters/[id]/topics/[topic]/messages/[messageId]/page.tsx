import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClusterTabs } from "@/components/console/cluster-tabs";
import { nameFromSegment, topicHref } from "@/components/console/links";
import { MessageView } from "@/components/console/message-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getCluster } from "@/lib/clusters";
import { messageParams } from "@/lib/console/schema";
import { orNotFound } from "@/lib/http/or-not-found";

export const dynamic = "force-dynamic";

export default async function MessagePage({ params }: { params: Promise<{ id: string; topic: string; messageId: string }> }) {
  await requireUser();
  const raw = await params;
  const parsed = messageParams.safeParse({ ...raw, topic: nameFromSegment(raw.topic), messageId: nameFromSegment(raw.messageId) });
  if (!parsed.success) notFound();
  const { id, topic, messageId } = parsed.data;
  const cluster = await orNotFound(getCluster(id));
  const t = await getTranslations("console.pages");
  return (
    <>
      <PageHeader
        title={t("message", { id: messageId })}
        description={
          <span>
            {cluster.name} ·{" "}
            <Link href={topicHref(id, topic)} className="font-mono text-indigo-700 underline">
              {topic}
            </Link>
          </span>
        }
      />
      <ClusterTabs clusterId={id} />
      <MessageView clusterId={id} topic={topic} messageId={messageId} />
    </>
  );
}
