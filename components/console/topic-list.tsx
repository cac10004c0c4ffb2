"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { TOPIC_TYPES, type TopicRow, type TopicType, type TopicWriteResult } from "@/lib/console/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { type Column, Table } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import type { ConsoleAccess } from "./access";
import { Pager, TopicTypeBadge, useCount, usePermLabel } from "./format";
import { IndexFreshness } from "./index-freshness";
import { topicHref } from "./links";
import { consoleKeys, fetchTopics, type TopicListParams } from "./queries";
import { TopicForm } from "./topic-form";
import { useDebounced } from "./use-debounced";

const SORTS = ["name", "messages", "queues", "updated"] as const;
const PAGE_SIZE = 50;

/** Every topic of the cluster, filtered, sorted and paged by the server from its cached index. */
export function TopicList({ clusterId, access }: { clusterId: string; access: ConsoleAccess }) {
  const t = useTranslations("console.topics");
  const tt = useTranslations("console.topicType");
  const count = useCount();
  const permLabel = usePermLabel();
  const [type, setType] = useState<TopicType | "">("");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<TopicListParams["sort"]>("name");
  const [order, setOrder] = useState<"asc" | "desc">("asc");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TopicWriteResult | null>(null);
  const q = useDebounced(search.trim());
  const params: TopicListParams = { type: type || undefined, q: q || undefined, sort, order, page, pageSize: PAGE_SIZE };
  const topics = useQuery({
    queryKey: consoleKeys.topics(clusterId, params),
    queryFn: () => fetchTopics(clusterId, params),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const data = topics.data;
  // Any change of filter or order starts again from the first page.
  const refilter =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setPage(1);
    };

  const columns: Column<TopicRow>[] = [
    {
      key: "name",
      header: t("columns.name"),
      value: (r) => r.name,
      render: (r) => (
        <Link href={topicHref(clusterId, r.name)} className="font-mono text-indigo-700 underline">
          {r.name}
        </Link>
      ),
    },
    { key: "type", header: t("columns.type"), value: (r) => r.type, render: (r) => <TopicTypeBadge type={r.type} /> },
    {
      key: "groups",
      header: t("columns.groups"),
      value: (r) => r.brokerNames.join(", "),
      render: (r) => <span className="font-mono text-xs">{r.brokerNames.join(", ")}</span>,
    },
    { key: "queues", header: t("columns.queues"), value: (r) => `${r.readQueueNums} / ${r.writeQueueNums}` },
    { key: "perm", header: t("columns.perm"), value: (r) => permLabel(r.perm) },
    { key: "messages", header: t("columns.messages"), value: (r) => r.messages, render: (r) => count(r.messages), className: "text-right" },
    {
      key: "updated",
      header: t("columns.updated"),
      value: (r) => r.lastUpdatedAt,
      render: (r) => (r.lastUpdatedAt === null ? t("empty") : <LocalTime at={r.lastUpdatedAt} />),
    },
  ];

  return (
    <div className="space-y-3">
      {created && (
        <Alert tone="success">
          {t("created", {
            name: created.topic.name,
            leaders: created.written.map((w) => `${w.brokerName} (${w.leaderAddress})`).join(", "),
          })}{" "}
          <Link href={topicHref(clusterId, created.topic.name)} className="underline">
            {t("open")}
          </Link>
        </Alert>
      )}
      {creating && (
        <TopicForm
          clusterId={clusterId}
          onCancel={() => setCreating(false)}
          onDone={(result) => {
            setCreating(false);
            setCreated(result);
          }}
        />
      )}
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label={t("search")}
          placeholder={t("searchPlaceholder")}
          value={search}
          onChange={(e) => refilter(setSearch)(e.target.value)}
          className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
        />
        <select
          aria-label={t("typeFilter")}
          value={type}
          onChange={(e) => refilter(setType)(e.target.value as TopicType | "")}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">{t("allTypes")}</option>
          {TOPIC_TYPES.map((k) => (
            <option key={k} value={k}>
              {tt(k)}
            </option>
          ))}
        </select>
        <select
          aria-label={t("sortBy")}
          value={sort}
          onChange={(e) => refilter(setSort)(e.target.value as TopicListParams["sort"])}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {SORTS.map((k) => (
            <option key={k} value={k}>
              {t(`sort.${k}`)}
            </option>
          ))}
        </select>
        <Button variant="secondary" onClick={() => refilter(setOrder)(order === "asc" ? "desc" : "asc")} aria-label={t("order")}>
          {order === "asc" ? t("ascending") : t("descending")}
        </Button>
        {access.canWrite && !creating && <Button onClick={() => setCreating(true)}>{t("create")}</Button>}
        <span className="ml-auto">
          <IndexFreshness index={data?.index} />
        </span>
      </div>
      {topics.error && <Alert>{topics.error.message}</Alert>}
      <Table
        label={t("table")}
        testId="topic-table"
        rows={data?.items ?? []}
        columns={columns}
        rowKey={(r) => r.name}
        rowData={(r) => ({ "data-topic": r.name })}
        emptyText={topics.isPending ? t("loading") : t("none")}
      />
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </div>
  );
}
