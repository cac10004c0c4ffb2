import "server-only";
import { db } from "../db";
import { subscribe } from "../db/notifications";
import { eventStream } from "../sse";
import { JOB_EVENTS_CHANNEL } from "./notify";
import { readLogLines } from "./store";

// Streams are woken by the job's NOTIFY, and re-read on a timer too, so a missed notification only delays.
const FALLBACK_POLL_MS = 2_000;
const PAGE = 2_000;

async function jobSnapshot(jobId: string) {
  return db.job.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      state: true,
      error: true,
      errorMessage: true,
      summary: true,
      summaryMessage: true,
      startedAt: true,
      finishedAt: true,
      cancelRequested: true,
      attempt: true,
      steps: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          key: true,
          stage: true,
          action: true,
          title: true,
          titleMessage: true,
          hostId: true,
          hostName: true,
          state: true,
          startedAt: true,
          finishedAt: true,
          exitCode: true,
          error: true,
          errorMessage: true,
          changed: true,
          progress: true,
        },
      },
    },
  });
}

export type JobSnapshot = NonNullable<Awaited<ReturnType<typeof jobSnapshot>>>;

const TERMINAL = new Set(["succeeded", "failed", "cancelled", "interrupted"]);

/**
 * The job page's live feed as Server-Sent Events:
 *   event: job   the job and its steps, whenever they change (no id: it does not move the resume point)
 *   event: log   one log line, `id:` its sequence number, so EventSource resumes with Last-Event-ID
 *   event: end   the job is over and every line has been sent
 *   event: gone  the job was deleted
 * Everything is read from Postgres, so any web instance can serve any job.
 */
export function jobEventStream(jobId: string, afterSeq: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  return eventStream(signal, async (sink) => {
    let lastSeq = afterSeq;
    let lastSnapshot = "";
    let pending = true;
    let wake: (() => void) | null = null;
    const onChange = () => {
      pending = true;
      wake?.();
    };
    // (Re)connected: what was announced meanwhile is lost, so read again.
    sink.onClose(subscribe(JOB_EVENTS_CHANNEL, { notification: (id) => id === jobId && onChange(), listening: onChange }));
    sink.onClose(() => wake?.());
    try {
      while (!sink.signal.aborted) {
        pending = false;
        const snapshot = await jobSnapshot(jobId);
        if (!snapshot) {
          sink.send({ event: "gone", data: "{}" });
          break;
        }
        const json = JSON.stringify(snapshot);
        if (json !== lastSnapshot) {
          lastSnapshot = json;
          sink.send({ event: "job", data: json });
        }
        // Lines first read after the snapshot: a terminal snapshot guarantees every line is already stored.
        let lines = await readLogLines(jobId, lastSeq, PAGE);
        while (lines.length > 0) {
          sink.send(...lines.map((line) => ({ id: line.seq, event: "log", data: JSON.stringify(line) })));
          lastSeq = lines[lines.length - 1].seq;
          lines = lines.length === PAGE ? await readLogLines(jobId, lastSeq, PAGE) : [];
        }
        if (TERMINAL.has(snapshot.state) && !pending) {
          sink.send({ event: "end", data: JSON.stringify({ lastSeq }) });
          break;
        }
        if (!pending && !sink.signal.aborted) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, FALLBACK_POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      }
    } catch (error) {
      if (!sink.signal.aborted) console.error(`[jobs] event stream of job ${jobId} failed:`, error);
    } finally {
      sink.close();
    }
  });
}
