import { serialize } from "@/components/api";
import { DatacenterManager } from "@/components/inventory/datacenter-manager";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { listDatacenters } from "@/lib/inventory/datacenters";

export default async function DatacentersPage() {
  const user = await requireUser();
  const datacenters = serialize(await listDatacenters());
  return (
    <>
      <PageHeader
        title="Datacenters"
        description="Each datacenter usually holds one DLedger group; its code (e.g. suzhou) goes into broker names."
      />
      <DatacenterManager initial={datacenters} canEdit={hasRole(user.role, "admin")} />
    </>
  );
}
