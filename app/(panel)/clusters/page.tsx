import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { ClusterList } from "@/components/clusters/cluster-list";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { listClusters } from "@/lib/clusters";

export default async function ClustersPage() {
  const user = await requireUser();
  const t = await getTranslations("pages.clusters");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ClusterList initial={serialize(await listClusters())} canEdit={hasRole(user.role, "operator")} />
    </>
  );
}
