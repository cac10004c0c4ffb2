import { getTranslations } from "next-intl/server";
import { ClusterWizard } from "@/components/clusters/wizard/cluster-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getCluster, getRevision, loadDraft } from "@/lib/clusters";
import { orNotFound } from "@/lib/http/or-not-found";
import { listDatacenters } from "@/lib/inventory/datacenters";

export default async function ClusterWizardPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("operator");
  const { id } = await params;
  const cluster = await orNotFound(getCluster(id));
  const [{ draft, step }, datacenters] = await Promise.all([loadDraft(id), listDatacenters()]);
  const desired = cluster.desiredRevision ? await getRevision(id, cluster.desiredRevision.number) : null;
  const t = await getTranslations("wizard.page");
  return (
    <>
      <PageHeader title={t("title", { name: cluster.name })} description={t("description")} />
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
