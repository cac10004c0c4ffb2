"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Badge } from "../ui/badge";
import { Card, PageHeader } from "../ui/page-header";
import { HostConnection } from "./host-connection";
import { HostFactsView } from "./host-facts";
import { HostForm, type Option } from "./host-form";
import { fetchHost, type HostRow, inventoryKeys } from "./queries";

interface HostDetailProps {
  initial: HostRow;
  datacenters: Option[];
  credentials: Option[];
  canEdit: boolean;
  canOperate: boolean;
  isAdmin: boolean;
}

export function HostDetail({ initial, datacenters, credentials, canEdit, canOperate, isAdmin }: HostDetailProps) {
  const t = useTranslations("hosts.detail");
  const tc = useTranslations("common");
  const router = useRouter();
  const { data: host = initial } = useQuery({
    queryKey: inventoryKeys.host(initial.id),
    queryFn: () => fetchHost(initial.id),
    initialData: initial,
  });
  return (
    <>
      <PageHeader
        title={host.name}
        description={
          <span className="font-mono">
            {host.sshUser}@{host.address}:{host.sshPort} · {host.datacenter.code}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <HostConnection host={host} canOperate={canOperate} isAdmin={isAdmin} />
          <Card title={t("facts")}>
            {host.facts[0] ? (
              <HostFactsView facts={host.facts[0].facts} gatheredAt={host.facts[0].gatheredAt} />
            ) : (
              <p className="text-sm text-slate-600">{t("noFacts")}</p>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card title={t("details")}>
            <dl className="grid grid-cols-[9rem_1fr] gap-y-1 text-sm">
              <dt className="text-slate-500">{t("credential")}</dt>
              <dd>{host.credential?.name ?? tc("none")}</dd>
              <dt className="text-slate-500">{t("labels")}</dt>
              <dd className="space-x-1">{host.labels.length ? host.labels.map((l) => <Badge key={l}>{l}</Badge>) : "—"}</dd>
            </dl>
          </Card>
          {canEdit && (
            <Card title={t("edit")}>
              <HostForm editing={host} datacenters={datacenters} credentials={credentials} onSaved={() => router.refresh()} />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
