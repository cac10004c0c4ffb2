import { serialize } from "@/components/api";
import { HostDetail } from "@/components/inventory/host-detail";
import { hasRole, requireUser } from "@/lib/auth";
import { orNotFound } from "@/lib/http/or-not-found";
import { listCredentials } from "@/lib/inventory/credentials";
import { listDatacenters } from "@/lib/inventory/datacenters";
import { getHost } from "@/lib/inventory/hosts";

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const host = await orNotFound(getHost(id));
  const canEdit = hasRole(user.role, "admin");
  const [datacenters, credentials] = await Promise.all([listDatacenters(), canEdit ? listCredentials() : []]);
  return (
    <HostDetail
      initial={serialize(host)}
      datacenters={datacenters.map((d) => ({ id: d.id, code: d.code }))}
      credentials={credentials.map((c) => ({ id: c.id, name: c.name }))}
      canEdit={canEdit}
      canOperate={hasRole(user.role, "operator")}
      isAdmin={canEdit}
    />
  );
}
