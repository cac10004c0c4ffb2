import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listDatacenters } from "@/lib/inventory/datacenters";
import { listHosts } from "@/lib/inventory/hosts";

export default async function OverviewPage() {
  await requireUser();
  const [datacenters, hosts] = await Promise.all([listDatacenters(), listHosts()]);
  const trusted = hosts.filter((h) => h.hostKeyFingerprint).length;
  const t = await getTranslations("overview");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Card title={t("datacenters")}>
          <p className="text-3xl font-semibold">{datacenters.length}</p>
          <Link href="/datacenters" className="text-sm text-indigo-700 underline">
            {t("manageDatacenters")}
          </Link>
        </Card>
        <Card title={t("hosts")}>
          <p className="text-3xl font-semibold">{hosts.length}</p>
          <p className="text-sm text-slate-600">{t("trustedHosts", { count: trusted })}</p>
          <Link href="/hosts" className="text-sm text-indigo-700 underline">
            {t("manageHosts")}
          </Link>
        </Card>
      </div>
    </>
  );
}
