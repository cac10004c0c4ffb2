import { getTranslations } from "next-intl/server";
import { ImportConfs } from "@/components/clusters/import-confs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { hostSnapshots } from "@/lib/clusters";

export default async function ImportClusterPage() {
  await requireUser("operator");
  const t = await getTranslations("pages.import");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ImportConfs hosts={await hostSnapshots()} />
    </>
  );
}
