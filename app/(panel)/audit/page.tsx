import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { AuditList } from "@/components/audit/audit-list";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEvents } from "@/lib/audit";
import { requireUser } from "@/lib/auth";
import { db } from "@/lib/db";

export default async function AuditPage() {
  await requireUser();
  const t = await getTranslations("pages.audit");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <AuditList initial={serialize(await listAuditEvents(db))} />
    </>
  );
}
