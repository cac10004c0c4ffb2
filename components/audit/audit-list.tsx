"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { Messages } from "@/lib/i18n/catalog";
import { DataTable } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import { type AuditRow, auditKeys, fetchAuditEvents } from "./queries";

type ActionKey = keyof Messages["audit"]["actions"];
type TargetKey = keyof Messages["audit"]["targets"];

// The server stores an action as a stable identifier. The known ones get a label in the reader's language; the
// identifier stays beside it (it is what scripts and searches use), and an action not listed here shows as it is.
const ACTIONS = new Map<string, ActionKey>([
  ["setup.first_admin", "setupFirstAdmin"],
  ["user.create", "userCreate"],
  ["user.update", "userUpdate"],
  ["datacenter.create", "datacenterCreate"],
  ["datacenter.update", "datacenterUpdate"],
  ["datacenter.delete", "datacenterDelete"],
  ["credential.create", "credentialCreate"],
  ["credential.delete", "credentialDelete"],
  ["host.create", "hostCreate"],
  ["host.update", "hostUpdate"],
  ["host.delete", "hostDelete"],
  ["host.test_connection", "hostTestConnection"],
  ["host.trust_host_key", "hostTrustHostKey"],
  ["host.host_key_mismatch", "hostHostKeyMismatch"],
  ["cluster.create", "clusterCreate"],
  ["cluster.import", "clusterImport"],
  ["cluster.attach", "clusterAttach"],
  ["cluster.revision.save", "clusterRevisionSave"],
  ["cluster.revision.mark_desired", "clusterRevisionMarkDesired"],
  ["cluster.deploy", "clusterDeploy"],
  ["cluster.deployed", "clusterDeployed"],
  ["cluster.restart", "clusterRestart"],
  ["cluster.stop", "clusterStop"],
  ["cluster.start", "clusterStart"],
  ["cluster.apply", "clusterApply"],
  ["job.cancel", "jobCancel"],
  ["job.resume", "jobResume"],
  ["job.retry", "jobRetry"],
  ["job.stopWaiting", "jobStopWaiting"],
  ["topic.create", "topicCreate"],
  ["topic.update", "topicUpdate"],
  ["topic.delete", "topicDelete"],
  ["topic.send_message", "topicSendMessage"],
  ["group.create", "groupCreate"],
  ["group.update", "groupUpdate"],
  ["group.delete", "groupDelete"],
  ["group.reset_offset", "groupResetOffset"],
  ["group.resend_dead_letters", "groupResendDeadLetters"],
  ["token.create", "tokenCreate"],
  ["token.revoke", "tokenRevoke"],
  ["session.revoke", "sessionRevoke"],
  ["session.revoke_others", "sessionRevokeOthers"],
  ["user.password_change", "userPasswordChange"],
  ["user.password_reset", "userPasswordReset"],
  ["user.sso_create", "userSsoCreate"],
  ["user.sso_role", "userSsoRole"],
  ["user.sso_refused", "userSsoRefused"],
  ["settings.sign_in", "settingsSignIn"],
]);

const TARGETS = new Set<string>([
  "user",
  "datacenter",
  "credential",
  "host",
  "cluster",
  "job",
  "topic",
  "consumerGroup",
] satisfies TargetKey[]);
const isTarget = (type: string): type is TargetKey => TARGETS.has(type);

export function AuditList({ initial }: { initial: AuditRow[] }) {
  const t = useTranslations("audit");
  const access = useTranslations("access.audit");
  const { data: rows = initial } = useQuery({
    queryKey: auditKeys.events,
    queryFn: fetchAuditEvents,
    initialData: initial,
    refetchInterval: 15_000,
  });
  const actionLabel = (action: string) => {
    const key = ACTIONS.get(action);
    return key ? t(`actions.${key}`) : null;
  };
  const target = (r: AuditRow) => `${isTarget(r.targetType) ? t(`targets.${r.targetType}`) : r.targetType} ${r.targetName ?? ""}`;
  return (
    <DataTable
      label={t("table")}
      rows={rows}
      rowKey={(r) => r.id}
      emptyText={t("empty")}
      columns={[
        { key: "time", header: t("columns.when"), value: (r) => r.createdAt, render: (r) => <LocalTime at={r.createdAt} /> },
        {
          key: "actor",
          header: t("columns.who"),
          value: (r) => [r.actorName, r.tokenName].filter(Boolean).join(" "),
          render: (r) => (
            <>
              <div>{r.actorName}</div>
              {r.tokenName && <div className="text-xs text-slate-500">{access("viaToken", { name: r.tokenName })}</div>}
            </>
          ),
        },
        {
          key: "action",
          header: t("columns.what"),
          value: (r) => [actionLabel(r.action), r.action].filter(Boolean).join(" "),
          render: (r) => {
            const label = actionLabel(r.action);
            return (
              <>
                {label && <div>{label}</div>}
                <div className={`font-mono text-xs ${label ? "text-slate-500" : ""}`}>{r.action}</div>
              </>
            );
          },
        },
        { key: "target", header: t("columns.target"), value: target },
        {
          key: "change",
          header: t("columns.change"),
          value: (r) => JSON.stringify([r.before, r.after]),
          render: (r) => <ChangeView before={r.before} after={r.after} />,
        },
      ]}
    />
  );
}

function ChangeView({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (keys.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {keys.map((k) => (
        <li key={k}>
          {k}: <span className="text-red-700">{JSON.stringify(b[k]) ?? "∅"}</span> →{" "}
          <span className="text-emerald-700">{JSON.stringify(a[k]) ?? "∅"}</span>
        </li>
      ))}
    </ul>
  );
}
