import { serialize } from "@/components/api";
import { ClusterList } from "@/components/clusters/cluster-list";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { listClusters } from "@/lib/clusters";

export default async function ClustersPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader
        title="Clusters"
        description="Design a RocketMQ-on-DLedger cluster, review every generated file, and keep each saved design as a numbered revision."
      />
      <ClusterList initial={serialize(await listClusters())} canEdit={hasRole(user.role, "operator")} />
    </>
  );
}
