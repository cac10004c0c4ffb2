"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "../ui/badge";
import { DataTable } from "../ui/data-table";
import { Card } from "../ui/page-header";
import { HostForm, type Option } from "./host-form";
import { fetchHosts, type HostRow, inventoryKeys } from "./queries";
import { LocalTime } from "../ui/local-time";

interface HostManagerProps {
  initial: HostRow[];
  datacenters: Option[];
  credentials: Option[];
  canEdit: boolean;
}

export function HostManager({ initial, datacenters, credentials, canEdit }: HostManagerProps) {
  const t = useTranslations("hosts");
  const { data: hosts = initial } = useQuery({ queryKey: inventoryKeys.hosts, queryFn: fetchHosts, initialData: initial });
  const [datacenter, setDatacenter] = useState("");
  const rows = datacenter ? hosts.filter((h) => h.datacenterId === datacenter) : hosts;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <DataTable
        label={t("table")}
        rows={rows}
        rowKey={(h) => h.id}
        emptyText={t("empty")}
        toolbar={
          <select
            aria-label={t("filterByDatacenter")}
            value={datacenter}
            onChange={(e) => setDatacenter(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">{t("allDatacenters")}</option>
            {datacenters.map((d) => (
              <option key={d.id} value={d.id}>
                {d.code}
              </option>
            ))}
          </select>
        }
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            value: (h) => h.name,
            render: (h) => (
              <Link href={`/hosts/${h.id}`} className="font-medium text-indigo-700 underline">
                {h.name}
              </Link>
            ),
          },
          {
            key: "address",
            header: t("columns.address"),
            value: (h) => `${h.address}:${h.sshPort}`,
            render: (h) => <span className="font-mono">{`${h.sshUser}@${h.address}:${h.sshPort}`}</span>,
          },
          { key: "datacenter", header: t("columns.datacenter"), value: (h) => h.datacenter.code },
          {
            key: "labels",
            header: t("columns.labels"),
            value: (h) => h.labels.join(" "),
            render: (h) => (
              <span className="space-x-1">
                {h.labels.map((l) => (
                  <Badge key={l}>{l}</Badge>
                ))}
              </span>
            ),
          },
          {
            key: "hostKey",
            header: t("columns.hostKey"),
            value: (h) => (h.hostKeyFingerprint ? t("trusted") : t("notTrusted")),
            render: (h) =>
              h.hostKeyFingerprint ? <Badge tone="good">{t("trusted")}</Badge> : <Badge tone="warn">{t("notTrusted")}</Badge>,
          },
          {
            key: "facts",
            header: t("columns.facts"),
            value: (h) => h.facts[0]?.gatheredAt ?? null,
            render: (h) => (h.facts[0] ? <LocalTime at={h.facts[0].gatheredAt} /> : "—"),
          },
        ]}
      />
      {canEdit && (
        <Card title={t("form.add")}>
          <HostForm datacenters={datacenters} credentials={credentials} />
        </Card>
      )}
    </div>
  );
}
