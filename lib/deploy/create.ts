import "server-only";
import type { Actor } from "../audit";
import { db } from "../db";
import { findingList, loadRevision } from "../clusters";
import { lintSpec } from "../design";
import { AppError, notFound } from "../errors";
import { message } from "../i18n/message";
import { createClusterJob } from "../jobs";
import { titled } from "../jobs/model";
import { localTarball } from "../nodes/distribution";
import { PlanError, buildDeployPlan, type DeployPlan } from "./plan";
import type { DeployParams, DeployRequest } from "./schema";

interface Prepared {
  cluster: { id: string; name: string };
  revision: { id: string; number: number };
  params: DeployParams;
  plan: DeployPlan;
}

/**
 * Everything a deploy is checked for before anything runs: the revision exists, has no lint errors (as saved and
 * as linted again now), its hosts are still in the inventory, and the tarball to upload exists.
 */
async function prepare(input: DeployRequest): Promise<Prepared> {
  const cluster = await db.cluster.findUnique({
    where: { id: input.clusterId },
    include: { desiredRevision: { select: { number: true } } },
  });
  if (!cluster) throw notFound("cluster");
  const number = input.revision ?? cluster.desiredRevision?.number;
  if (!number) throw new AppError(message("errors.deploy.noRevision", { cluster: cluster.name }), 422, "no_revision");
  const revision = await loadRevision({ clusterId: cluster.id, number });
  const { spec, files } = revision;
  const savedErrors = revision.lint.counts.error;
  const errors = lintSpec(spec).filter((f) => f.severity === "error");
  if (savedErrors > 0 || errors.length > 0) {
    const count = Math.max(savedErrors, errors.length);
    throw new AppError(
      errors.length > 0
        ? message("errors.deploy.lintErrorsListed", { number, count, findings: findingList(errors) })
        : message("errors.deploy.lintErrors", { number, count }),
      422,
      "lint_errors",
    );
  }
  const params: DeployParams = { revisionNumber: number, source: input.source, nameServerJvmOptions: input.nameServerJvmOptions };
  if (params.source.kind === "upload") localTarball(spec.cluster.rocketmqVersion);
  const inventory = await db.host.findMany({ select: { id: true, name: true, address: true } });
  try {
    return { cluster, revision, params, plan: buildDeployPlan(spec, files, inventory, params) };
  } catch (error) {
    if (error instanceof PlanError) throw new AppError(message("errors.verbatim", { text: error.message }), 422, "plan");
    throw error;
  }
}

/** The plan as the review dialog shows it; nothing is created. */
export async function previewDeploy(input: DeployRequest) {
  const { revision, plan, params } = await prepare(input);
  return { revision: revision.number, params, plan };
}

/** Creates the deploy job (one active job per cluster) and queues it; the audit entry is in the same transaction. */
export async function createDeployJob(actor: Actor, input: DeployRequest): Promise<{ jobId: string }> {
  const { cluster, revision, params, plan } = await prepare(input);
  return createClusterJob(actor, {
    cluster,
    revision,
    kind: "deploy",
    ...titled(message("jobs.title.deploy", { cluster: cluster.name, revision: revision.number })),
    params,
    steps: plan.steps,
    audit: {
      action: "cluster.deploy",
      after: { revision: revision.number, source: params.source.kind, hosts: plan.hosts.map((h) => h.hostName) },
    },
  });
}
