import Link from "next/link";
import { serialize } from "@/components/api";
import { JobView } from "@/components/jobs/job-view";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { orNotFound } from "@/lib/http/or-not-found";
import { getJob } from "@/lib/jobs";

export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const job = await orNotFound(getJob(id));
  return (
    <>
      <PageHeader
        title={job.title}
        description={
          <span>
            {job.cluster && (
              <>
                Cluster{" "}
                <Link className="text-indigo-700 underline" href={`/clusters/${job.cluster.id}`}>
                  {job.cluster.name}
                </Link>{" "}
                ·{" "}
              </>
            )}
            started by {job.createdBy?.username ?? "someone deleted"} on {job.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC
          </span>
        }
      />
      <JobView initial={serialize(job)} canOperate={hasRole(user.role, "operator")} />
    </>
  );
}
