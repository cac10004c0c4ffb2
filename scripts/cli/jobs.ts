import { setTimeout as sleep } from "node:timers/promises";
import { jobListResponse, jobLogLinesResponse, jobResponse } from "../../lib/http/openapi-responses";
import type { PanelClient } from "./client";
import { findCluster } from "./clusters";
import { EXIT } from "./errors";
import { type Output, show, showLine, table, when } from "./output";

type Job = typeof jobResponse._output;
type LogLine = (typeof jobLogLinesResponse._output)[number];

const ACTIVE = new Set(["queued", "running"]);
/** The logs route's largest page. */
const PAGE = 10_000;
const POLL_MS = 1_000;

export async function listJobs(client: PanelClient, options: Output & { cluster?: string }): Promise<void> {
  const clusterId = options.cluster ? (await findCluster(client, options.cluster)).id : undefined;
  const jobs = await client.get(clusterId ? `/api/jobs?clusterId=${clusterId}` : "/api/jobs", jobListResponse);
  show(options, jobs, () =>
    table(
      ["ID", "STATE", "KIND", "CLUSTER", "CREATED", "TITLE"],
      jobs.map((job) => [job.id, job.state, job.kind, job.cluster?.name ?? "-", when(job.createdAt), job.title]),
    ),
  );
}

/** Prints a job's log; with follow, until the job ends. Resolves to the exit code its result means. */
export async function jobLogs(client: PanelClient, jobId: string, options: Output & { follow: boolean }): Promise<number> {
  let after = 0;
  for (;;) {
    // The state first, then the lines: a job that had ended has written all of its lines by then.
    const job = await client.get(`/api/jobs/${encodeURIComponent(jobId)}`, jobResponse);
    after = await printLinesAfter(client, job.id, after, options);
    if (!options.follow) return EXIT.ok;
    if (!ACTIVE.has(job.state)) return finish(job, options);
    await sleep(POLL_MS);
  }
}

async function printLinesAfter(client: PanelClient, jobId: string, after: number, output: Output): Promise<number> {
  for (;;) {
    const lines = await client.get(`/api/jobs/${jobId}/logs?after=${after}&limit=${PAGE}`, jobLogLinesResponse);
    for (const line of lines) printLine(line, output);
    if (lines.length > 0) after = lines[lines.length - 1].seq;
    if (lines.length < PAGE) return after;
  }
}

function printLine(line: LogLine, output: Output) {
  if (output.json) showLine({ type: "log", ...line });
  else console.log(`${line.at.slice(11, 19)} ${line.text}`);
}

function finish(job: Job, output: Output): number {
  if (output.json) showLine({ type: "job", id: job.id, state: job.state, summary: job.summary, error: job.error });
  else console.log(`job ${job.id} ${job.state}${job.error ? `: ${job.error}` : job.summary ? `: ${job.summary}` : ""}`);
  return job.state === "succeeded" ? EXIT.ok : EXIT.jobFailed;
}
