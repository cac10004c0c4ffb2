"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { MessageBody, MessageDetail } from "@/lib/console/schema";
import { useTopologyFormat } from "../topology/format";
import { Alert } from "../ui/alert";
import { Table } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import { Card } from "../ui/page-header";
import { Item, Tabs } from "./format";
import { consoleKeys, fetchMessage } from "./queries";

/** One message: where it is stored, when and from where, its properties, and (for operators) its body. */
export function MessageView({ clusterId, topic, messageId }: { clusterId: string; topic: string; messageId: string }) {
  const t = useTranslations("console.message");
  const message = useQuery({
    queryKey: consoleKeys.message(clusterId, topic, messageId),
    queryFn: () => fetchMessage(clusterId, topic, messageId),
    retry: false,
  });
  if (message.error) return <Alert>{message.error.message}</Alert>;
  if (!message.data) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  const m = message.data;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={t("metadata")}>
        <Metadata message={m} />
      </Card>
      <Card title={t("properties")}>
        <Table
          label={t("properties")}
          rows={Object.entries(m.properties).sort(([a], [b]) => a.localeCompare(b))}
          rowKey={([key]) => key}
          emptyText={t("noProperties")}
          columns={[
            {
              key: "key",
              header: t("property"),
              value: ([key]) => key,
              render: ([key]) => <span className="font-mono text-xs">{key}</span>,
            },
            {
              key: "value",
              header: t("value"),
              value: ([, value]) => value,
              render: ([, value]) => <span className="break-all font-mono text-xs">{value}</span>,
            },
          ]}
        />
      </Card>
      <div className="lg:col-span-2">
        <Card title={t("body")}>
          {m.body ? <Body body={m.body} /> : <Alert tone="info">{m.bodyHidden ? t("bodyHidden") : t("noBody")}</Alert>}
        </Card>
      </div>
    </div>
  );
}

function Metadata({ message: m }: { message: MessageDetail }) {
  const t = useTranslations("console.message");
  const { bytes } = useTopologyFormat();
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-2 gap-y-1 text-sm" data-testid="message-metadata">
      <Item label={t("msgId")} mono>
        {m.msgId}
      </Item>
      <Item label={t("offsetMsgId")} mono>
        {m.offsetMsgId}
      </Item>
      <Item label={t("topic")} mono>
        {m.topic}
      </Item>
      <Item label={t("tags")}>{m.tags ?? "—"}</Item>
      <Item label={t("keys")} mono>
        {m.keys ?? "—"}
      </Item>
      <Item label={t("where")}>{t("whereValue", { brokerName: m.brokerName, queueId: m.queueId, offset: m.queueOffset })}</Item>
      <Item label={t("born")}>
        <LocalTime at={m.bornAt} /> · <span className="font-mono text-xs">{m.bornHost}</span>
      </Item>
      <Item label={t("stored")}>
        <LocalTime at={m.storedAt} /> · <span className="font-mono text-xs">{m.storeHost}</span>
      </Item>
      <Item label={t("size")}>{t("sizeValue", { store: bytes(m.storeSize), body: bytes(m.bodySize) })}</Item>
      <Item label={t("reconsumeTimes")}>{m.reconsumeTimes}</Item>
    </dl>
  );
}

type View = "text" | "hex";

/** Bytes as hex, 16 a line: exact for a text body, whose text is its bytes decoded as UTF-8. */
const hexOf = (text: string) =>
  Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0"))
    .join(" ")
    .replace(/((?:[0-9a-f]{2} ){15}[0-9a-f]{2}) /g, "$1\n");

/**
 * The body as the server judged it: JSON (pretty-printed, numbers kept as sent), text (also as hex), or hex when it
 * is not text at all.
 */
function Body({ body }: { body: MessageBody }) {
  const t = useTranslations("console.message");
  const { bytes } = useTopologyFormat();
  const [view, setView] = useState<View>("text");
  const shown = body.encoding === "text" && view === "hex" ? hexOf(body.text) : body.text;
  return (
    <div className="space-y-2">
      {body.encoding === "text" ? (
        <Tabs
          label={t("bodyAs")}
          value={view}
          onChange={setView}
          tabs={(["text", "hex"] as const).map((v) => ({ key: v, label: t(`view.${v}`) }))}
        />
      ) : (
        <p className="text-xs font-medium text-slate-600">{t(`view.${body.encoding}`)}</p>
      )}
      <p className="text-xs text-slate-500">
        {t("bodySize", { size: bytes(body.size) })}
        {body.compressed && ` · ${t("compressed")}`}
        {body.truncated && ` · ${t("truncated")}`}
      </p>
      <pre
        data-testid="message-body"
        data-encoding={body.encoding}
        className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded border border-slate-200 bg-slate-50 p-3 font-mono text-xs"
      >
        {shown}
      </pre>
    </div>
  );
}
