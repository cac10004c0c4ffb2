import { ImportConfs } from "@/components/clusters/import-confs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { hostSnapshots } from "@/lib/clusters";

export default async function ImportClusterPage() {
  await requireUser("operator");
  return (
    <>
      <PageHeader
        title="Import existing broker configs"
        description="Paste or upload the broker-nX.conf files of a cluster you run today. They are checked by the same linter as the wizard, then become a new cluster's draft."
      />
      <ImportConfs hosts={await hostSnapshots()} />
    </>
  );
}
