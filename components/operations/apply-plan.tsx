"use client";

import { useTranslations } from "next-intl";
import type { OperationPlan, PlannedChange, PlannedDrift, PlannedStep } from "@/lib/operations/schema";
import { Badge } from "../ui/badge";
import { useMessage } from "../ui/use-message";
import { ROLE_TONE } from "./role-tone";

// An apply's plan as the operator reviews it before confirming: the release change, every difference between the
// revisions (refused ones with the way forward), what happens on each host in the job's order, and the drift.

export function UpgradeBanner({ upgrade }: { upgrade: NonNullable<OperationPlan["upgrade"]> }) {
  const t = useTranslations("lifecycle.plan");
  return (
    <section
      data-testid="plan-upgrade"
      aria-label={t("upgrade.label")}
      className="rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 text-sm text-indigo-950"
    >
      <p className="font-semibold">{t("upgrade.title", { from: upgrade.from, to: upgrade.to })}</p>
      <p className="text-xs">{t("upgrade.how", { from: upgrade.from, to: upgrade.to })}</p>
    </section>
  );
}

export function PlanChanges({ changes }: { changes: PlannedChange[] }) {
  const t = useTranslations("lifecycle.plan");
  const say = useMessage();
  return (
    <section aria-label={t("changes.label")} className="space-y-2">
      <h3 className="text-sm font-semibold">{t("changes.title", { count: changes.length })}</h3>
      {changes.length === 0 ? (
        <p className="text-sm text-slate-600">{t("changes.none")}</p>
      ) : (
        <ul data-testid="plan-changes" className="space-y-1 text-sm">
          {changes.map((change, i) => (
            <li
              key={`${change.kind}-${change.subject}-${i}`}
              data-change={change.kind}
              data-refused={change.refused ? "true" : "false"}
              className={`rounded px-2 py-1 ${change.refused ? "border border-red-300 bg-red-50 text-red-900" : "bg-slate-50"}`}
            >
              <Badge tone={change.refused ? "bad" : "neutral"}>{t(`changeKinds.${change.kind}`)}</Badge>{" "}
              <span className="font-mono text-xs">{change.subject}</span> — {say(change.text)}
              {change.refused && <p className="mt-1 text-xs font-medium">{t("changes.refused", { reason: say(change.refused) })}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every step once: under its host when it has one, else among the group-wide steps; each with its place in the job. */
export function StepsPerHost({ steps, revision }: { steps: PlannedStep[]; revision: number }) {
  const t = useTranslations("lifecycle.plan");
  const order = new Map(steps.map((step, i) => [step.key, i + 1]));
  const hosts = [...new Set(steps.flatMap((step) => (step.hostName ? [step.hostName] : [])))];
  const groupWide = steps.filter((step) => step.hostName === null);
  return (
    <section aria-label={t("steps.label")} data-testid="operation-nodes" className="space-y-3">
      <h3 className="text-sm font-semibold">
        {t("steps.title", { count: steps.length })}
        <span className="font-normal text-slate-500"> · {t("steps.startedWith", { revision: String(revision) })}</span>
      </h3>
      {steps.length === 0 && <p className="text-sm text-slate-600">{t("steps.none")}</p>}
      <div className="grid gap-3 md:grid-cols-2">
        {hosts.map((host) => (
          <section key={host} aria-label={t("steps.host", { host })} data-host={host} className="rounded-md border border-slate-200 p-2">
            <h4 className="mb-1 text-sm font-medium">{host}</h4>
            <ol className="space-y-2">
              {steps
                .filter((step) => step.hostName === host)
                .map((step) => (
                  <StepItem key={step.key} step={step} order={order.get(step.key) ?? 0} />
                ))}
            </ol>
          </section>
        ))}
      </div>
      {groupWide.length > 0 && (
        <section aria-label={t("steps.groupWide")} className="rounded-md border border-slate-200 p-2">
          <h4 className="mb-1 text-sm font-medium">{t("steps.groupWide")}</h4>
          <ol className="space-y-2">
            {groupWide.map((step) => (
              <StepItem key={step.key} step={step} order={order.get(step.key) ?? 0} showHosts />
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}

function StepItem({ step, order, showHosts = false }: { step: PlannedStep; order: number; showHosts?: boolean }) {
  const t = useTranslations("lifecycle.plan");
  const roles = useTranslations("operations.plan.roles");
  const say = useMessage();
  const hasRole = step.kind === "broker" || step.kind === "namesrv";
  return (
    <li
      data-step={step.key}
      data-action={step.action}
      data-order={order}
      data-kind={step.kind}
      data-role={step.role}
      data-group={step.brokerName ?? ""}
      className="text-sm"
    >
      <div className="flex flex-wrap items-center gap-1">
        <span className="w-6 text-xs text-slate-500">#{order}</span>
        <Badge tone={step.action === "decommission" || step.action === "stop-nameserver" ? "warn" : "info"}>
          {t(`actions.${step.action}`)}
        </Badge>
        <span className="font-mono text-xs">{step.label}</span>
        {hasRole && step.role !== "namesrv" && <Badge tone={ROLE_TONE[step.role]}>{roles(step.role)}</Badge>}
        {step.address && <span className="font-mono text-xs text-slate-500">{step.address}</span>}
      </div>
      <p className="pl-7 text-xs text-slate-700">{say(step.whatMessage)}</p>
      {showHosts && <p className="pl-7 text-xs text-slate-500">{t("steps.onHosts", { hosts: step.hostNames.join(", ") })}</p>}
      {step.why && <p className="pl-7 text-xs text-slate-500">{t("steps.why", { why: say(step.why) })}</p>}
    </li>
  );
}

export function PlanDrift({ drift }: { drift: PlannedDrift[] }) {
  const t = useTranslations("lifecycle.plan");
  const say = useMessage();
  return (
    <section aria-label={t("drift.label")} className="space-y-2">
      <h3 className="text-sm font-semibold">{t("drift.title")}</h3>
      {drift.length === 0 ? (
        <p data-testid="plan-drift" data-items="0" className="text-sm text-emerald-700">
          {t("drift.none")}
        </p>
      ) : (
        <ul data-testid="plan-drift" data-items={drift.length} className="space-y-1 text-sm">
          {drift.map((item, i) => (
            <li key={`${item.hostId}-${item.label}-${i}`} data-drift={item.kind} className="rounded bg-amber-50 px-2 py-1 text-amber-950">
              <Badge tone="warn">{t(`driftKinds.${item.kind}`)}</Badge> {item.hostName} ·{" "}
              <span className="font-mono text-xs">{item.label}</span> — {say(item.detail)}
              <p className="text-xs font-medium">{t("drift.action", { action: say(item.action) })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
