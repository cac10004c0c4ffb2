"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { DataTable } from "../ui/data-table";
import { Badge } from "../ui/badge";
import type { Serialized } from "../api";
import type { listJobs } from "@/lib/jobs";
import { storedMessage } from "@/lib/i18n/message";
import { STATE_TONES } from "./types";
import { useDuration } from "./use-duration";
import { LocalTime } from "../ui/local-time";
import { useMessage } from "../ui/use-message";

type JobRow = Serialized<Awaited<ReturnType<typeof listJobs>>[number]>;

export function JobList({ jobs }: { jobs: JobRow[] }) {
  const t = useTranslations("jobs");
  const say = useMessage();
  const duration = useDuration();
  const outcome = (job: JobRow) =>
    job.summary !== null
      ? say(storedMessage(job.summaryMessage, job.summary))
      : job.error !== null
        ? say(storedMessage(job.errorMessage, job.error))
        : "";
  return (
    <DataTable
      label={t("list.label")}
      rows={jobs}
      rowKey={(job) => job.id}
      emptyText={t("list.empty")}
      columns={[
        { key: "created", header: t("list.created"), value: (job) => job.createdAt, render: (job) => <LocalTime at={job.createdAt} /> },
        {
          key: "title",
          header: t("list.job"),
          value: (job) => say(storedMessage(job.titleMessage, job.title)),
          render: (job) => (
            <Link className="text-indigo-700 underline" href={`/jobs/${job.id}`}>
              {say(storedMessage(job.titleMessage, job.title))}
            </Link>
          ),
        },
        {
          key: "state",
          header: t("list.state"),
          value: (job) => t(`states.${job.state}`),
          render: (job) => <Badge tone={STATE_TONES[job.state]}>{t(`states.${job.state}`)}</Badge>,
        },
        { key: "by", header: t("list.by"), value: (job) => job.createdBy?.username ?? "" },
        { key: "duration", header: t("list.duration"), value: (job) => duration(job.startedAt, job.finishedAt) },
        { key: "summary", header: t("list.outcome"), value: outcome },
      ]}
    />
  );
}
