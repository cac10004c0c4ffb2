import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { DatacenterManager } from "@/components/inventory/datacenter-manager";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { listDatacenters } from "@/lib/inventory/datacenters";

export default async function DatacentersPage() {
  const user = await requireUser();
  const t = await getTranslations("pages.datacenters");
  const datacenters = serialize(await listDatacenters());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <DatacenterManager initial={datacenters} canEdit={hasRole(user.role, "admin")} />
    </>
  );
}
