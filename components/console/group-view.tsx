"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { GroupConnection, GroupDetail, GroupQueue } from "@/lib/console/schema";
import { LineChart } from "../topology/line-chart";
import { useTopologyFormat } from "../topology/format";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Table } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import { Card } from "../ui/page-header";
import { useNow } from "../use-now";
import type { ConsoleAccess } from "./access";
import { ConfirmDialog } from "./confirm-dialog";
import { DeadLetters } from "./dead-letters";
import { Item, Tabs, useCount } from "./format";
import { GroupForm } from "./group-form";
import { OnlineBadge } from "./group-list";
import { groupsHref, topicHref } from "./links";
import { consoleKeys, deleteGroup, fetchGroup, fetchLag } from "./queries";
import { ResetOffsetDialog } from "./reset-offset";

const HOUR_MS = 60 * 60_000;
type Tab = "queues" | "connections" | "dlq";

/** One consumer group: lag per queue and who holds each, its connections, the last hour's lag, settings and dead letters. */
export function GroupView({ clusterId, group, access }: { clusterId: string; group: string; access: ConsoleAccess }) {
  const t = useTranslations("console.group");
  const router = useRouter();
  const [tab, setTab] = useState<Tab>("queues");
  const [editing, setEditing] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const detail = useQuery({
    queryKey: consoleKeys.group(clusterId, group),
    queryFn: () => fetchGroup(clusterId, group),
    refetchInterval: 10_000,
  });
  const remove = useMutation({ mutationFn: () => deleteGroup(clusterId, group), onSuccess: () => router.push(groupsHref(clusterId)) });
  const data = detail.data;
  return (
    <div className="space-y-4">
      {(access.canWrite || access.canDelete) && data && (
        <div className="flex flex-wrap gap-2">
          {access.canWrite && (
            <>
              <Button onClick={() => setResetting(true)}>{t("reset")}</Button>
              <Button variant="secondary" onClick={() => setEditing(!editing)}>
                {t("editSettings")}
              </Button>
            </>
          )}
          {access.canDelete && (
            <Button variant="danger" onClick={() => setDeleting(true)}>
              {t("delete")}
            </Button>
          )}
        </div>
      )}
      {resetting && data && (
        <ResetOffsetDialog clusterId={clusterId} group={group} topics={data.topics} onClose={() => setResetting(false)} />
      )}
      {deleting && data && (
        <ConfirmDialog
          title={t("deleteTitle", { name: group })}
          confirmLabel={t("deleteConfirm", { name: group })}
          busy={remove.isPending || remove.isSuccess || data.online}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate()}
          onClose={() => setDeleting(false)}
        >
          <p>{t("deleteExplain")}</p>
          {data.online && <Alert tone="warning">{t("deleteOnline", { clients: data.clients })}</Alert>}
        </ConfirmDialog>
      )}
      {editing && data && (
        <GroupForm clusterId={clusterId} editing={data} onCancel={() => setEditing(false)} onDone={() => setEditing(false)} />
      )}
      {detail.error && <Alert>{detail.error.message}</Alert>}
      {!data && !detail.error && <p className="text-sm text-slate-500">{t("loading")}</p>}
      {data && (
        <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
          <Summary clusterId={clusterId} group={data} />
          <LagChart clusterId={clusterId} group={group} />
        </div>
      )}
      <Tabs
        label={t("tabs")}
        value={tab}
        onChange={setTab}
        tabs={[
          { key: "queues", label: t("queuesTab") },
          { key: "connections", label: t("connectionsTab") },
          { key: "dlq", label: t("dlqTab") },
        ]}
      />
      {tab === "queues" && data && <Queues clusterId={clusterId} queues={data.queues} />}
      {tab === "connections" && data && <Connections connections={data.connections} />}
      {tab === "dlq" && <DeadLetters clusterId={clusterId} group={group} access={access} />}
    </div>
  );
}

function Summary({ clusterId, group: g }: { clusterId: string; group: GroupDetail }) {
  const t = useTranslations("console.group");
  const tg = useTranslations("console.groups");
  const count = useCount();
  const { tps } = useTopologyFormat();
  const yesNo = (value: boolean) => (value ? t("yes") : t("no"));
  return (
    <Card>
      <dl className="grid grid-cols-[11rem_1fr] gap-x-2 gap-y-1 text-sm" data-testid="group-summary">
        <Item label={t("state")}>
          <OnlineBadge online={g.online} clients={g.clients} />
        </Item>
        <Item label={t("lag")}>
          <span data-testid="group-lag">{count(g.lag)}</span>
        </Item>
        <Item label={t("tps")}>{tps(g.consumeTps)}</Item>
        <Item label={t("model")}>{g.messageModel ? tg(`model.${g.messageModel}`) : "—"}</Item>
        <Item label={t("consumeType")}>{g.consumeType ?? "—"}</Item>
        <Item label={t("topics")}>
          {g.topics.length === 0
            ? "—"
            : g.topics.map((topic, i) => (
                <span key={topic}>
                  {i > 0 && ", "}
                  <Link href={topicHref(clusterId, topic)} className="font-mono text-indigo-700 underline">
                    {topic}
                  </Link>
                </span>
              ))}
        </Item>
        <Item label={t("brokerGroups")} mono>
          {g.brokerNames.join(", ") || "—"}
        </Item>
        {g.settings ? (
          <>
            <Item label={t("consumeEnable")}>{yesNo(g.settings.consumeEnable)}</Item>
            <Item label={t("consumeBroadcastEnable")}>{yesNo(g.settings.consumeBroadcastEnable)}</Item>
            <Item label={t("retryQueueNums")}>{g.settings.retryQueueNums}</Item>
            <Item label={t("retryMaxTimes")}>{g.settings.retryMaxTimes}</Item>
          </>
        ) : (
          <Item label={t("settings")}>{t("noSettings")}</Item>
        )}
      </dl>
    </Card>
  );
}

/** The group's total lag over the last hour, drawn as the topology's node panel draws its charts. */
function LagChart({ clusterId, group }: { clusterId: string; group: string }) {
  const t = useTranslations("console.group");
  const count = useCount();
  const now = useNow(30_000);
  const lag = useQuery({ queryKey: consoleKeys.lag(clusterId, group), queryFn: () => fetchLag(clusterId, group), refetchInterval: 30_000 });
  const points = (lag.data ?? []).map((p) => ({ at: p.at, value: p.lag }));
  const to = now ?? points.at(-1)?.at ?? 0;
  return (
    <Card>
      {lag.error ? (
        <Alert>{lag.error.message}</Alert>
      ) : (
        <LineChart label={t("lagChart")} points={points} from={to - HOUR_MS} to={to} format={(v) => count(Math.round(v))} />
      )}
    </Card>
  );
}

function Queues({ clusterId, queues }: { clusterId: string; queues: GroupQueue[] }) {
  const t = useTranslations("console.group");
  const count = useCount();
  return (
    <Table<GroupQueue>
      label={t("queues")}
      testId="group-queues"
      rows={queues}
      rowKey={(q) => `${q.topic}/${q.brokerName}/${q.queueId}`}
      rowData={(q) => ({ "data-queue": `${q.topic}/${q.brokerName}/${q.queueId}`, "data-lag": String(q.lag) })}
      emptyText={t("noQueues")}
      columns={[
        {
          key: "topic",
          header: t("columns.topic"),
          value: (q) => q.topic,
          render: (q) => (
            <Link href={topicHref(clusterId, q.topic)} className="font-mono text-xs text-indigo-700 underline">
              {q.topic}
            </Link>
          ),
        },
        {
          key: "group",
          header: t("columns.group"),
          value: (q) => q.brokerName,
          render: (q) => <span className="font-mono">{q.brokerName}</span>,
        },
        { key: "queue", header: t("columns.queue"), value: (q) => q.queueId },
        {
          key: "broker",
          header: t("columns.brokerOffset"),
          value: (q) => q.brokerOffset,
          render: (q) => count(q.brokerOffset),
          className: "text-right",
        },
        {
          key: "consumer",
          header: t("columns.consumerOffset"),
          value: (q) => q.consumerOffset,
          render: (q) => count(q.consumerOffset),
          className: "text-right",
        },
        {
          key: "lag",
          header: t("columns.lag"),
          value: (q) => q.lag,
          render: (q) => <span className={q.lag > 0 ? "font-medium text-amber-700" : ""}>{count(q.lag)}</span>,
          className: "text-right",
        },
        {
          key: "last",
          header: t("columns.lastConsumed"),
          value: (q) => q.lastConsumedAt,
          render: (q) => (q.lastConsumedAt ? <LocalTime at={q.lastConsumedAt} /> : "—"),
        },
        {
          key: "client",
          header: t("columns.client"),
          value: (q) => q.clientId,
          render: (q) => <span className="font-mono text-xs">{q.clientId ?? t("noClient")}</span>,
        },
      ]}
    />
  );
}

function Connections({ connections }: { connections: GroupConnection[] }) {
  const t = useTranslations("console.group");
  return (
    <Table<GroupConnection>
      label={t("connections")}
      testId="group-connections"
      rows={connections}
      rowKey={(c) => c.clientId}
      emptyText={t("noConnections")}
      columns={[
        {
          key: "client",
          header: t("columns.clientId"),
          value: (c) => c.clientId,
          render: (c) => <span className="font-mono text-xs">{c.clientId}</span>,
        },
        {
          key: "address",
          header: t("columns.address"),
          value: (c) => c.address,
          render: (c) => <span className="font-mono text-xs">{c.address}</span>,
        },
        { key: "language", header: t("columns.language"), value: (c) => c.language },
        { key: "version", header: t("columns.version"), value: (c) => c.version },
        {
          key: "subscriptions",
          header: t("columns.subscriptions"),
          value: (c) => c.subscriptions.map((s) => s.topic).join(", "),
          render: (c) => (
            <ul className="font-mono text-xs">
              {c.subscriptions.map((s) => (
                <li key={s.topic}>
                  {s.topic} <span className="text-slate-500">{s.expression}</span>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
