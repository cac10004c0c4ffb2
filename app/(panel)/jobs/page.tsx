import { serialize } from "@/components/api";
import { JobList } from "@/components/jobs/job-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listJobs } from "@/lib/jobs";

export const dynamic = "force-dynamic";

export default async function JobsPage() {
  await requireUser();
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Deployments, restarts, stops, starts and revision rollouts run by the panel's workers, newest first. Each keeps its steps and full log."
      />
      <JobList jobs={serialize(await listJobs())} />
    </>
  );
}
