import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { consoleAccess } from "@/components/console/access";
import { ClusterTabs } from "@/components/console/cluster-tabs";
import { GroupView } from "@/components/console/group-view";
import { groupsHref, nameFromSegment } from "@/components/console/links";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getCluster } from "@/lib/clusters";
import { groupParams } from "@/lib/console/schema";
import { orNotFound } from "@/lib/http/or-not-found";

export const dynamic = "force-dynamic";

export default async function GroupPage({ params }: { params: Promise<{ id: string; group: string }> }) {
  const user = await requireUser();
  const raw = await params;
  const parsed = groupParams.safeParse({ ...raw, group: nameFromSegment(raw.group) });
  if (!parsed.success) notFound();
  const { id, group } = parsed.data;
  const cluster = await orNotFound(getCluster(id));
  const t = await getTranslations("console.pages");
  return (
    <>
      <PageHeader
        title={t("group", { group })}
        description={
          <span>
            {cluster.name} ·{" "}
            <Link href={groupsHref(id)} className="text-indigo-700 underline">
              {t("allGroups")}
            </Link>
          </span>
        }
      />
      <ClusterTabs clusterId={id} />
      <GroupView clusterId={id} group={group} access={consoleAccess(user.role)} />
    </>
  );
}
