"use client";

import Link from "next/link";
import { DataTable } from "../ui/data-table";
import { Badge } from "../ui/badge";
import type { Serialized } from "../api";
import type { listJobs } from "@/lib/jobs";
import { STATE_TONES, formatDuration } from "./types";
import { LocalTime } from "../ui/local-time";

type JobRow = Serialized<Awaited<ReturnType<typeof listJobs>>[number]>;

export function JobList({ jobs }: { jobs: JobRow[] }) {
  return (
    <DataTable
      label="Jobs"
      rows={jobs}
      rowKey={(job) => job.id}
      emptyText="No jobs yet: deploy a cluster from its page, or restart its nodes from its topology."
      columns={[
        { key: "created", header: "Created", value: (job) => job.createdAt, render: (job) => <LocalTime at={job.createdAt} /> },
        {
          key: "title",
          header: "Job",
          value: (job) => job.title,
          render: (job) => (
            <Link className="text-indigo-700 underline" href={`/jobs/${job.id}`}>
              {job.title}
            </Link>
          ),
        },
        {
          key: "state",
          header: "State",
          value: (job) => job.state,
          render: (job) => <Badge tone={STATE_TONES[job.state]}>{job.state}</Badge>,
        },
        { key: "by", header: "By", value: (job) => job.createdBy?.username ?? "" },
        { key: "duration", header: "Duration", value: (job) => formatDuration(job.startedAt, job.finishedAt) },
        { key: "summary", header: "Outcome", value: (job) => job.summary ?? job.error ?? "" },
      ]}
    />
  );
}
