import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listDatacenters } from "@/lib/inventory/datacenters";
import { listHosts } from "@/lib/inventory/hosts";

export default async function OverviewPage() {
  await requireUser();
  const [datacenters, hosts] = await Promise.all([listDatacenters(), listHosts()]);
  const trusted = hosts.filter((h) => h.hostKeyFingerprint).length;
  return (
    <>
      <PageHeader title="Overview" description="Your RocketMQ estate at a glance." />
      <div className="grid gap-4 sm:grid-cols-3">
        <Card title="Datacenters">
          <p className="text-3xl font-semibold">{datacenters.length}</p>
          <Link href="/datacenters" className="text-sm text-indigo-700 underline">
            Manage datacenters
          </Link>
        </Card>
        <Card title="Hosts">
          <p className="text-3xl font-semibold">{hosts.length}</p>
          <p className="text-sm text-slate-600">{trusted} with a trusted host key</p>
          <Link href="/hosts" className="text-sm text-indigo-700 underline">
            Manage hosts
          </Link>
        </Card>
      </div>
    </>
  );
}
