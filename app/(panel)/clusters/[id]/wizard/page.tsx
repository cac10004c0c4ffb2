import { notFound } from "next/navigation";
import { ClusterWizard } from "@/components/clusters/wizard/cluster-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getCluster, getRevision, loadDraft } from "@/lib/clusters";
import { AppError } from "@/lib/errors";
import { listDatacenters } from "@/lib/inventory/datacenters";

export default async function ClusterWizardPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("operator");
  const { id } = await params;
  const cluster = await getCluster(id).catch((error) => {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  });
  const [{ draft, step }, datacenters] = await Promise.all([loadDraft(id), listDatacenters()]);
  const desired = cluster.desiredRevision ? await getRevision(id, cluster.desiredRevision.number) : null;
  return (
    <>
      <PageHeader
        title={`Design: ${cluster.name}`}
        description="Five steps; your work is saved on every step change, so you can leave and come back."
      />
      <ClusterWizard
        clusterId={id}
        initialDraft={draft}
        initialStep={step}
        datacenters={datacenters.map((d) => ({ id: d.id, code: d.code }))}
        previousFiles={desired?.files ?? null}
        previousNumber={desired?.number ?? null}
      />
    </>
  );
}
