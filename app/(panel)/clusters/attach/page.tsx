import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { AttachForm } from "@/components/topology/attach-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listDatacenters } from "@/lib/inventory/datacenters";

export default async function AttachClusterPage() {
  await requireUser("operator");
  const t = await getTranslations("pages.attach");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <AttachForm datacenters={serialize(await listDatacenters())} />
    </>
  );
}
