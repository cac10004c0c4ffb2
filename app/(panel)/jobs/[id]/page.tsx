import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { JobView } from "@/components/jobs/job-view";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole, requireUser } from "@/lib/auth";
import { orNotFound } from "@/lib/http/or-not-found";
import { storedMessage } from "@/lib/i18n/message";
import { translate } from "@/lib/i18n/translate";
import { getJob } from "@/lib/jobs";

export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const job = await orNotFound(getJob(id));
  const t = await getTranslations("jobs.page");
  const locale = await getLocale();
  return (
    <>
      <PageHeader
        title={translate(storedMessage(job.titleMessage, job.title), locale)}
        description={
          <span>
            {job.cluster && (
              <>
                {t("cluster")}{" "}
                <Link className="text-indigo-700 underline" href={`/clusters/${job.cluster.id}`}>
                  {job.cluster.name}
                </Link>{" "}
                ·{" "}
              </>
            )}
            {t("startedBy", {
              user: job.createdBy?.username ?? t("someoneDeleted"),
              time: job.createdAt.toISOString().slice(0, 19).replace("T", " "),
            })}
          </span>
        }
      />
      <JobView initial={serialize(job)} canOperate={hasRole(user.role, "operator")} />
    </>
  );
}
