"use client";

import { useTranslations } from "next-intl";
import type { OperationPlan, PlannedStep } from "@/lib/operations/schema";
import { DiffView } from "../clusters/diff-view";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Table } from "../ui/data-table";
import { useMessage } from "../ui/use-message";
import { PlanChanges, PlanDrift, StepsPerHost, UpgradeBanner } from "./apply-plan";
import { ROLE_TONE } from "./role-tone";

/**
 * The body of a plan. An apply: the release change, every change between the revisions, the steps host by host, the
 * drift and what the plan does about it, then the config diff. A node operation: its nodes in the job's order. Then
 * the warnings.
 */
export function PlanDetails({ plan }: { plan: OperationPlan }) {
  const t = useTranslations("operations.plan");
  const say = useMessage();
  const revision = String(plan.revision);
  return (
    <div className="space-y-4">
      {plan.request.action === "apply" ? (
        <>
          {plan.upgrade && <UpgradeBanner upgrade={plan.upgrade} />}
          {plan.changes && <PlanChanges changes={plan.changes} />}
          <StepsPerHost steps={plan.steps} revision={plan.revision} />
          {plan.drift && <PlanDrift drift={plan.drift} />}
          {plan.diff && (
            <section aria-label={t("configChanges")} className="space-y-2">
              <h3 className="text-sm font-semibold">{t("configChangesTo", { revision })}</h3>
              <DiffView diffs={plan.diff} />
            </section>
          )}
        </>
      ) : (
        <NodesInOrder plan={plan} />
      )}
      {plan.warnings.length > 0 && (
        <Alert tone="warning">
          <ul data-testid="operation-warnings" className="list-disc space-y-1 pl-4">
            {plan.warnings.map((warning, i) => (
              <li key={warning}>{say(plan.warningMessages[i])}</li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

/** A restart's, stop's or start's nodes, in the order the job takes them. */
function NodesInOrder({ plan }: { plan: OperationPlan }) {
  const t = useTranslations("operations.plan");
  const say = useMessage();
  const revision = String(plan.revision);
  return (
    <section aria-label={t("nodesInOrder")} className="space-y-2">
      <h3 className="text-sm font-semibold">
        {plan.steps.length === 1 ? t("oneNode") : t("nodes", { count: String(plan.steps.length) })}
        <span className="font-normal text-slate-500"> · {t("startedWith", { revision })}</span>
      </h3>
      <Table<PlannedStep>
        label={t("label")}
        testId="operation-nodes"
        rows={plan.steps}
        rowKey={(node) => node.key}
        rowData={(node) => ({ "data-step": node.key })}
        columns={[
          { key: "order", header: "#", value: (node) => plan.steps.indexOf(node) + 1 },
          {
            key: "node",
            header: t("node"),
            value: (node) => node.label,
            render: (node) => <span className="font-mono text-xs leading-5">{node.label}</span>,
          },
          {
            key: "host",
            header: t("host"),
            value: (node) => node.hostName ?? node.hostNames.join(", "),
            render: (node) => (
              <>
                {node.hostName ?? node.hostNames.join(", ")} <span className="font-mono text-xs text-slate-500">{node.address}</span>
              </>
            ),
          },
          {
            key: "role",
            header: t("role"),
            value: (node) => t(`roles.${node.role}`),
            render: (node) => <Badge tone={ROLE_TONE[node.role]}>{t(`roles.${node.role}`)}</Badge>,
          },
          { key: "what", header: t("what"), value: (node) => say(node.whatMessage) },
        ]}
      />
    </section>
  );
}
