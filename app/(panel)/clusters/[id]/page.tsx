import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { DriftPanel } from "@/components/clusters/drift-panel";
import { RevisionHistory } from "@/components/clusters/revision-history";
import { DeployPanel } from "@/components/jobs/deploy-panel";
import { operationAccess } from "@/components/operations/access";
import { OperationButton } from "@/components/operations/operation-button";
import { ReleaseAdvisories } from "@/components/operations/release-advisories";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { getCluster, listRevisions, loadRevision, type Revision, rollbackTarget } from "@/lib/clusters";
import { versionAdvisories } from "@/lib/design";
import { dledgerIdleSpin, versionVulnerable } from "@/lib/design/lint/rules/cluster";
import { orNotFound } from "@/lib/http/or-not-found";

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const cluster = await orNotFound(getCluster(id));
  const t = await getTranslations("clusters.page");
  const tc = await getTranslations("console.nav");
  const tl = await getTranslations("lifecycle");
  const canEdit = hasRole(user.role, "operator");
  const operations = operationAccess(user.role, id);
  // Applying rolls a saved revision onto running nodes, so there must be a deployment to roll onto and something new to roll.
  const applicable =
    cluster.deployedRevision && cluster.desiredRevision && cluster.desiredRevision.id !== cluster.deployedRevision.id
      ? cluster.desiredRevision.number
      : null;
  const deployed = cluster.deployedRevision ? await loadRevision({ id: cluster.deployedRevision.id }) : null;
  const advisories = releaseAdvisories(deployed);
  // The revision deployed before this one; applying it is the roll back, reviewed as any plan.
  const rollBack = operations ? await rollbackTarget(id) : null;
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
      {advisories && <ReleaseAdvisories {...advisories} access={operations} />}
      {canEdit && cluster.desiredRevision && (
        <div className="mb-4 flex flex-wrap items-start gap-2">
          <DeployPanel clusterId={id} revision={cluster.desiredRevision.number} />
          {operations && applicable !== null && (
            <OperationButton access={operations} request={{ action: "apply", revision: applicable }}>
              {t("apply", { number: String(applicable) })}
            </OperationButton>
          )}
          {operations && rollBack !== null && (
            <OperationButton access={operations} request={{ action: "apply", revision: rollBack }}>
              {tl("rollBack", { revision: rollBack })}
            </OperationButton>
          )}
        </div>
      )}
      {cluster.deployedRevision && <DriftPanel clusterId={id} canCheck={canEdit} />}
      <RevisionHistory
        clusterId={id}
        initial={serialize(await listRevisions(id))}
        desiredNumber={cluster.desiredRevision?.number ?? null}
        canEdit={canEdit}
      />
    </>
  );
}

// The linter's findings on the release the deployed revision runs; the rows offer the upgrade its line has.
const RELEASE_RULES = new Set([versionVulnerable.id, dledgerIdleSpin.id]);

function releaseAdvisories(deployed: Revision | null) {
  if (!deployed) return null;
  const version = deployed.spec.cluster.rocketmqVersion;
  const advisories = versionAdvisories(version);
  const upgradeTo = advisories[0]?.upgradeTo;
  const findings = deployed.lint.findings.filter((f) => RELEASE_RULES.has(f.ruleId));
  if (!upgradeTo || findings.length === 0) return null;
  return { version, advisories: advisories.map((a) => a.id), findings, upgradeTo };
}
