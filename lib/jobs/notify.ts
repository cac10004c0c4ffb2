import "server-only";
import { db } from "../db";

/**
 * Every change to a job (new log lines, a step's state, the job's state) is announced on this channel with the
 * job id as payload. Any web instance LISTENs and wakes the SSE streams of that job; the rows are the truth.
 */
export const JOB_EVENTS_CHANNEL = "rmq_job_events";

export async function notifyJobChanged(jobId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${JOB_EVENTS_CHANNEL}, ${jobId})`;
}
