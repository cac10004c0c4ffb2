import { serialize } from "@/components/api";
import { AuditList } from "@/components/audit/audit-list";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEvents } from "@/lib/audit";
import { requireUser } from "@/lib/auth";
import { db } from "@/lib/db";

export default async function AuditPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Audit log" description="Every change made through the panel: who, what, when, and the values before and after." />
      <AuditList initial={serialize(await listAuditEvents(db))} />
    </>
  );
}
