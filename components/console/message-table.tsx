"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { MessageSummary } from "@/lib/console/schema";
import { type Column, Table } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import { useCount } from "./format";
import { messageHref } from "./links";

/** Messages found, newest first as the server sent them; `selection` adds a checkbox per row (dead letters to resend). */
export function MessageTable({
  clusterId,
  messages,
  emptyText,
  selection,
}: {
  clusterId: string;
  messages: MessageSummary[];
  emptyText: string;
  selection?: { selected: Set<string>; toggle: (msgId: string, on: boolean) => void };
}) {
  const t = useTranslations("console.messages");
  const count = useCount();
  const columns: Column<MessageSummary>[] = [
    ...(selection
      ? [
          {
            key: "select",
            header: "",
            value: () => "",
            render: (m: MessageSummary) => (
              <input
                type="checkbox"
                aria-label={t("select", { id: m.msgId })}
                checked={selection.selected.has(m.msgId)}
                onChange={(e) => selection.toggle(m.msgId, e.target.checked)}
              />
            ),
          },
        ]
      : []),
    {
      key: "id",
      header: t("columns.id"),
      value: (m) => m.msgId,
      render: (m) => (
        <Link href={messageHref(clusterId, m.topic, m.msgId)} className="font-mono text-xs text-indigo-700 underline">
          {m.msgId}
        </Link>
      ),
    },
    { key: "tags", header: t("columns.tags"), value: (m) => m.tags },
    {
      key: "keys",
      header: t("columns.keys"),
      value: (m) => m.keys,
      render: (m) => <span className="font-mono text-xs">{m.keys ?? "—"}</span>,
    },
    { key: "stored", header: t("columns.stored"), value: (m) => m.storedAt, render: (m) => <LocalTime at={m.storedAt} /> },
    {
      key: "where",
      header: t("columns.where"),
      value: (m) => `${m.brokerName} ${m.queueId} ${m.queueOffset}`,
      render: (m) => (
        <span className="font-mono text-xs">{t("where", { brokerName: m.brokerName, queueId: m.queueId, offset: m.queueOffset })}</span>
      ),
    },
    { key: "size", header: t("columns.size"), value: (m) => m.bodySize, render: (m) => count(m.bodySize), className: "text-right" },
    { key: "reconsume", header: t("columns.reconsume"), value: (m) => m.reconsumeTimes, className: "text-right" },
  ];
  return (
    <Table
      label={t("table")}
      testId="message-table"
      rows={messages}
      columns={columns}
      rowKey={(m) => m.offsetMsgId}
      rowData={(m) => ({ "data-msg-id": m.msgId })}
      emptyText={emptyText}
    />
  );
}
