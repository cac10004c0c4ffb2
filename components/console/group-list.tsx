"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { GROUP_FILTERS, type GroupRow } from "@/lib/console/schema";
import { useTopologyFormat } from "../topology/format";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { type Column, Table } from "../ui/data-table";
import type { ConsoleAccess } from "./access";
import { Pager, useCount } from "./format";
import { GroupForm } from "./group-form";
import { IndexFreshness } from "./index-freshness";
import { groupHref } from "./links";
import { consoleKeys, fetchGroups, type GroupListParams } from "./queries";
import { useDebounced } from "./use-debounced";

const SORTS = ["name", "lag", "tps"] as const;
const PAGE_SIZE = 50;

export function OnlineBadge({ online, clients }: { online: boolean; clients: number }) {
  const t = useTranslations("console.groups");
  return online ? <Badge tone="good">{t("online", { clients })}</Badge> : <Badge tone="warn">{t("offline")}</Badge>;
}

/** Every consumer group of the cluster: online or not, lag and TPS; filtered, sorted and paged by the server. */
export function GroupList({ clusterId, access }: { clusterId: string; access: ConsoleAccess }) {
  const t = useTranslations("console.groups");
  const router = useRouter();
  const count = useCount();
  const { tps } = useTopologyFormat();
  const [filter, setFilter] = useState<GroupListParams["filter"]>("all");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<GroupListParams["sort"]>("name");
  const [order, setOrder] = useState<"asc" | "desc">("asc");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const q = useDebounced(search.trim());
  const params: GroupListParams = { filter, q: q || undefined, sort, order, page, pageSize: PAGE_SIZE };
  const groups = useQuery({
    queryKey: consoleKeys.groups(clusterId, params),
    queryFn: () => fetchGroups(clusterId, params),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const data = groups.data;
  const refilter =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setPage(1);
    };

  const columns: Column<GroupRow>[] = [
    {
      key: "name",
      header: t("columns.name"),
      value: (r) => r.name,
      render: (r) => (
        <Link href={groupHref(clusterId, r.name)} className="font-mono text-indigo-700 underline">
          {r.name}
        </Link>
      ),
    },
    {
      key: "state",
      header: t("columns.state"),
      value: (r) => (r.online ? 1 : 0),
      render: (r) => <OnlineBadge online={r.online} clients={r.clients} />,
    },
    {
      key: "model",
      header: t("columns.model"),
      value: (r) => r.messageModel,
      render: (r) => (r.messageModel ? t(`model.${r.messageModel}`) : "—"),
    },
    { key: "tps", header: t("columns.tps"), value: (r) => r.consumeTps, render: (r) => tps(r.consumeTps), className: "text-right" },
    {
      key: "lag",
      header: t("columns.lag"),
      value: (r) => r.lag,
      render: (r) => <span className={r.lag > 0 ? "font-medium text-amber-700" : ""}>{count(r.lag)}</span>,
      className: "text-right",
    },
    {
      key: "topics",
      header: t("columns.topics"),
      value: (r) => r.topics.join(", "),
      render: (r) => <span className="font-mono text-xs">{r.topics.join(", ") || "—"}</span>,
    },
  ];

  return (
    <div className="space-y-3">
      {creating && (
        <GroupForm
          clusterId={clusterId}
          onCancel={() => setCreating(false)}
          onDone={(group) => router.push(groupHref(clusterId, group.name))}
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
          aria-label={t("filterLabel")}
          value={filter}
          onChange={(e) => refilter(setFilter)(e.target.value as GroupListParams["filter"])}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {GROUP_FILTERS.map((k) => (
            <option key={k} value={k}>
              {t(`filter.${k}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t("sortBy")}
          value={sort}
          onChange={(e) => refilter(setSort)(e.target.value as GroupListParams["sort"])}
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
      {groups.error && <Alert>{groups.error.message}</Alert>}
      <Table
        label={t("table")}
        testId="group-table"
        rows={data?.items ?? []}
        columns={columns}
        rowKey={(r) => r.name}
        rowData={(r) => ({ "data-group": r.name, "data-lag": String(r.lag), "data-online": String(r.online) })}
        emptyText={groups.isPending ? t("loading") : t("none")}
      />
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </div>
  );
}
