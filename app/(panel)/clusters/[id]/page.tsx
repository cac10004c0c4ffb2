import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { RevisionHistory } from "@/components/clusters/revision-history";
import { DeployPanel } from "@/components/jobs/deploy-panel";
import { operationAccess } from "@/components/operations/access";
import { OperationButton } from "@/components/operations/operation-button";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { getCluster, listRevisions } from "@/lib/clusters";
import { orNotFound } from "@/lib/http/or-not-found";

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const cluster = await orNotFound(getCluster(id));
  const t = await getTranslations("clusters.page");
  const tc = await getTranslations("console.nav");
  const canEdit = hasRole(user.role, "operator");
  const operations = operationAccess(user.role, id);
  // Applying rolls a saved revision onto running nodes, so there must be a deployment to roll onto and something new to roll.
  const applicable =
    cluster.deployedRevision && cluster.desiredRevision && cluster.desiredRevision.id !== cluster.deployedRevision.id
      ? cluster.desiredRevision.number
      : null;
  return (
    <>
      <PageHeader
        title={cluster.name}
        description={
          <span>
            <span className="font-mono">{cluster.brokerClusterName}</span> · {t("rocketmq", { version: cluster.rocketmqVersion })} ·{" "}
            {cluster.desiredRevision ? t("desired", { number: String(cluster.desiredRevision.number) }) : t("noRevision")} ·{" "}
            <span data-testid="deployed-revision">
              {cluster.deployedRevision ? t("deployed", { number: String(cluster.deployedRevision.number) }) : t("notDeployed")}
            </span>{" "}
            ·{" "}
            <Link href="/jobs" className="text-indigo-700 underline">
              {t("jobs")}
            </Link>{" "}
            ·{" "}
            <Link href={`/clusters/${id}/topology`} className="text-indigo-700 underline">
              {t("topology")}
            </Link>{" "}
            ·{" "}
            <Link href={`/clusters/${id}/topics`} className="text-indigo-700 underline">
              {tc("topics")}
            </Link>{" "}
            ·{" "}
            <Link href={`/clusters/${id}/groups`} className="text-indigo-700 underline">
              {tc("groups")}
            </Link>
          </span>
        }
        actions={
          canEdit && (
            <Link
              href={`/clusters/${id}/wizard`}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
            >
              {t("edit")}
            </Link>
          )
        }
      />
      {canEdit && cluster.desiredRevision && (
        <div className="mb-4 flex flex-wrap items-start gap-2">
          <DeployPanel clusterId={id} revision={cluster.desiredRevision.number} />
          {operations && applicable !== null && (
            <OperationButton access={operations} request={{ action: "apply", revision: applicable }}>
              {t("apply", { number: String(applicable) })}
            </OperationButton>
          )}
        </div>
      )}
      <RevisionHistory
        clusterId={id}
        initial={serialize(await listRevisions(id))}
        desiredNumber={cluster.desiredRevision?.number ?? null}
        canEdit={canEdit}
      />
    </>
  );
}
