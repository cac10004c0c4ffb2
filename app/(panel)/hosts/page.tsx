import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { HostManager } from "@/components/inventory/host-manager";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { listCredentials } from "@/lib/inventory/credentials";
import { listDatacenters } from "@/lib/inventory/datacenters";
import { listHosts } from "@/lib/inventory/hosts";

export default async function HostsPage() {
  const user = await requireUser();
  const t = await getTranslations("pages.hosts");
  const canEdit = hasRole(user.role, "admin");
  const [hosts, datacenters, credentials] = await Promise.all([listHosts(), listDatacenters(), canEdit ? listCredentials() : []]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HostManager
        initial={serialize(hosts)}
        datacenters={datacenters.map((d) => ({ id: d.id, code: d.code }))}
        credentials={credentials.map((c) => ({ id: c.id, name: c.name }))}
        canEdit={canEdit}
      />
    </>
  );
}
