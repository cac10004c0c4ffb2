"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
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
  const { data: hosts = initial } = useQuery({ queryKey: inventoryKeys.hosts, queryFn: fetchHosts, initialData: initial });
  const [datacenter, setDatacenter] = useState("");
  const rows = datacenter ? hosts.filter((h) => h.datacenterId === datacenter) : hosts;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <DataTable
        label="Hosts"
        rows={rows}
        rowKey={(h) => h.id}
        emptyText="No hosts yet."
        toolbar={
          <select
            aria-label="Filter by datacenter"
            value={datacenter}
            onChange={(e) => setDatacenter(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">All datacenters</option>
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
            header: "Name",
            value: (h) => h.name,
            render: (h) => (
              <Link href={`/hosts/${h.id}`} className="font-medium text-indigo-700 underline">
                {h.name}
              </Link>
            ),
          },
          {
            key: "address",
            header: "Address",
            value: (h) => `${h.address}:${h.sshPort}`,
            render: (h) => <span className="font-mono">{`${h.sshUser}@${h.address}:${h.sshPort}`}</span>,
          },
          { key: "datacenter", header: "Datacenter", value: (h) => h.datacenter.code },
          {
            key: "labels",
            header: "Labels",
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
            header: "Host key",
            value: (h) => (h.hostKeyFingerprint ? "trusted" : "not trusted"),
            render: (h) => (h.hostKeyFingerprint ? <Badge tone="good">trusted</Badge> : <Badge tone="warn">not trusted</Badge>),
          },
          {
            key: "facts",
            header: "Facts",
            value: (h) => h.facts[0]?.gatheredAt ?? null,
            render: (h) => (h.facts[0] ? <LocalTime at={h.facts[0].gatheredAt} /> : "—"),
          },
        ]}
      />
      {canEdit && (
        <Card title="Add host">
          <HostForm datacenters={datacenters} credentials={credentials} />
        </Card>
      )}
    </div>
  );
}
