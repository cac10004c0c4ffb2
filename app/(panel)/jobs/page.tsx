import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { JobList } from "@/components/jobs/job-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listJobs } from "@/lib/jobs";

export const dynamic = "force-dynamic";

export default async function JobsPage() {
  await requireUser();
  const t = await getTranslations("pages.jobs");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <JobList jobs={serialize(await listJobs())} />
    </>
  );
}
