"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { QueueOffsets, TopicDetail, TopicRouteEntry } from "@/lib/console/schema";
import { useTopologyFormat } from "../topology/format";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Table } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import { Card } from "../ui/page-header";
import type { ConsoleAccess } from "./access";
import { ConfirmDialog } from "./confirm-dialog";
import { Item, Tabs, TopicTypeBadge, useCount, usePermLabel } from "./format";
import { groupHref, topicsHref } from "./links";
import { MessageSearch } from "./message-search";
import { consoleKeys, deleteTopic, fetchTopic } from "./queries";
import { SendMessageForm } from "./send-message";
import { TopicForm } from "./topic-form";

type Panel = "edit" | "send" | null;

/** One topic: its route and leaders, per-queue offsets, who consumes it, put TPS; its messages; edit, send, delete. */
export function TopicView({ clusterId, topic, access }: { clusterId: string; topic: string; access: ConsoleAccess }) {
  const t = useTranslations("console.topic");
  const router = useRouter();
  const [tab, setTab] = useState<"overview" | "messages">("overview");
  const [panel, setPanel] = useState<Panel>(null);
  const [deleting, setDeleting] = useState(false);
  const detail = useQuery({
    queryKey: consoleKeys.topic(clusterId, topic),
    queryFn: () => fetchTopic(clusterId, topic),
    refetchInterval: 15_000,
  });
  const remove = useMutation({
    mutationFn: () => deleteTopic(clusterId, topic),
    onSuccess: () => router.push(topicsHref(clusterId)),
  });
  const data = detail.data;
  return (
    <div className="space-y-4">
      {(access.canWrite || access.canDelete) && data && (
        <div className="flex flex-wrap gap-2">
          {access.canWrite && (
            <>
              <Button variant="secondary" onClick={() => setPanel(panel === "edit" ? null : "edit")}>
                {t("edit")}
              </Button>
              <Button variant="secondary" onClick={() => setPanel(panel === "send" ? null : "send")}>
                {t("sendTest")}
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
      {panel === "edit" && data && (
        <TopicForm clusterId={clusterId} editing={data} onCancel={() => setPanel(null)} onDone={() => setPanel(null)} />
      )}
      {panel === "send" && <SendMessageForm clusterId={clusterId} topic={topic} onClose={() => setPanel(null)} />}
      {deleting && data && (
        <ConfirmDialog
          title={t("deleteTitle", { name: topic })}
          confirmLabel={t("deleteConfirm", { name: topic })}
          busy={remove.isPending || remove.isSuccess}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate()}
          onClose={() => setDeleting(false)}
        >
          <p>{t("deleteExplain")}</p>
          {data.consumerGroups.length > 0 ? (
            <div data-testid="delete-subscribed">
              <Alert tone="warning">
                {t("deleteSubscribed", { count: data.consumerGroups.length, groups: data.consumerGroups.join(", ") })}
              </Alert>
            </div>
          ) : (
            <p className="text-slate-600">{t("deleteNoGroups")}</p>
          )}
        </ConfirmDialog>
      )}
      {detail.error && <Alert>{detail.error.message}</Alert>}
      <Tabs
        label={t("tabs")}
        value={tab}
        onChange={setTab}
        tabs={[
          { key: "overview", label: t("overview") },
          { key: "messages", label: t("messagesTab") },
        ]}
      />
      {tab === "overview" ? (
        data ? (
          <Overview clusterId={clusterId} topic={data} />
        ) : (
          !detail.error && <p className="text-sm text-slate-500">{t("loading")}</p>
        )
      ) : (
        <MessageSearch clusterId={clusterId} topic={topic} />
      )}
    </div>
  );
}

function Overview({ clusterId, topic }: { clusterId: string; topic: TopicDetail }) {
  const t = useTranslations("console.topic");
  const count = useCount();
  const permLabel = usePermLabel();
  const { tps } = useTopologyFormat();
  return (
    <div className="space-y-4">
      <Card>
        <dl className="grid grid-cols-[10rem_1fr] gap-x-2 gap-y-1 text-sm" data-testid="topic-summary">
          <Item label={t("type")}>
            <TopicTypeBadge type={topic.type} />
          </Item>
          <Item label={t("perm")}>{permLabel(topic.perm)}</Item>
          <Item label={t("order")}>{topic.order ? t("ordered") : t("notOrdered")}</Item>
          <Item label={t("queues")}>{t("queueNums", { read: topic.readQueueNums, write: topic.writeQueueNums })}</Item>
          <Item label={t("messages")}>{count(topic.messages)}</Item>
          <Item label={t("putTps")}>{tps(topic.putTps)}</Item>
          <Item label={t("lastUpdate")}>{topic.lastUpdatedAt === null ? t("empty") : <LocalTime at={topic.lastUpdatedAt} />}</Item>
        </dl>
      </Card>
      <Card title={t("route")}>
        <Table<TopicRouteEntry>
          label={t("route")}
          rows={topic.route}
          rowKey={(r) => r.brokerName}
          emptyText={t("noRoute")}
          columns={[
            {
              key: "group",
              header: t("columns.group"),
              value: (r) => r.brokerName,
              render: (r) => <span className="font-mono">{r.brokerName}</span>,
            },
            {
              key: "queues",
              header: t("columns.queues"),
              value: (r) => t("queueNums", { read: r.readQueueNums, write: r.writeQueueNums }),
            },
            { key: "perm", header: t("columns.perm"), value: (r) => permLabel(r.perm) },
            {
              key: "leader",
              header: t("columns.leader"),
              value: (r) => r.leaderAddress,
              render: (r) =>
                r.leaderAddress ? (
                  <span className="font-mono text-xs">
                    {r.leaderSelfId && <Badge tone="info">★ {r.leaderSelfId}</Badge>} {r.leaderAddress}
                  </span>
                ) : (
                  <Badge tone="bad">{t("noLeader")}</Badge>
                ),
            },
          ]}
        />
      </Card>
      <Card title={t("consumers")}>
        {topic.consumerGroups.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noConsumers")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm" data-testid="topic-consumers">
            {topic.consumerGroups.map((group) => (
              <li key={group}>
                <Link href={groupHref(clusterId, group)} className="font-mono text-indigo-700 underline">
                  {group}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("queueOffsets")}>
        <Table<QueueOffsets>
          label={t("queueOffsets")}
          rows={topic.queues}
          rowKey={(q) => `${q.brokerName}/${q.queueId}`}
          emptyText={t("noQueues")}
          columns={[
            {
              key: "group",
              header: t("columns.group"),
              value: (q) => q.brokerName,
              render: (q) => <span className="font-mono">{q.brokerName}</span>,
            },
            { key: "queue", header: t("columns.queue"), value: (q) => q.queueId },
            {
              key: "min",
              header: t("columns.minOffset"),
              value: (q) => q.minOffset,
              render: (q) => count(q.minOffset),
              className: "text-right",
            },
            {
              key: "max",
              header: t("columns.maxOffset"),
              value: (q) => q.maxOffset,
              render: (q) => count(q.maxOffset),
              className: "text-right",
            },
            {
              key: "messages",
              header: t("columns.messages"),
              value: (q) => q.maxOffset - q.minOffset,
              render: (q) => count(q.maxOffset - q.minOffset),
              className: "text-right",
            },
            {
              key: "updated",
              header: t("columns.updated"),
              value: (q) => q.lastUpdatedAt,
              render: (q) => (q.lastUpdatedAt === null ? "—" : <LocalTime at={q.lastUpdatedAt} />),
            },
          ]}
        />
      </Card>
    </div>
  );
}
