import { serialize } from "@/components/api";
import { AttachForm } from "@/components/topology/attach-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listDatacenters } from "@/lib/inventory/datacenters";

export default async function AttachClusterPage() {
  await requireUser("operator");
  return (
    <>
      <PageHeader
        title="Attach a running cluster"
        description="Enter its NameServer addresses. The panel reads the brokers they list, each broker's live DLedger settings, and every peer those name, then watches the cluster live."
      />
      <AttachForm datacenters={serialize(await listDatacenters())} />
    </>
  );
}
