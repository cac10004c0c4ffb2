import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { db } from "../db";
import { JOB_EVENTS_CHANNEL } from "./notify";
import { readLogLines } from "./store";

// One LISTEN connection per web process fans notifications out to every open stream of that process.
// Streams also re-read on a timer, so a missed notification (a reconnect of the listener) only delays.
const FALLBACK_POLL_MS = 2_000;
const KEEPALIVE_MS = 15_000;
const PAGE = 2_000;

const globalForEvents = globalThis as unknown as { rmqJobEvents?: { emitter: EventEmitter; client: Promise<pg.Client> | null } };

function jobEvents(): EventEmitter {
  const state = (globalForEvents.rmqJobEvents ??= { emitter: new EventEmitter().setMaxListeners(0), client: null });
  state.client ??= listen(state.emitter).catch((error) => {
    console.error(`[jobs] LISTEN ${JOB_EVENTS_CHANNEL} failed; streams fall back to polling:`, error.message);
    state.client = null;
    throw error;
  });
  state.client.catch(() => undefined);
  return state.emitter;
}

async function listen(emitter: EventEmitter): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "rmq-panel-job-events" });
  const reset = () => {
    if (globalForEvents.rmqJobEvents) globalForEvents.rmqJobEvents.client = null;
    client.end().catch(() => undefined);
  };
  client.on("error", reset);
  client.on("end", reset);
  client.on("notification", (message) => {
    if (message.payload) emitter.emit(message.payload);
  });
  await client.connect();
  await client.query(`LISTEN ${JOB_EVENTS_CHANNEL}`);
  return client;
}

async function jobSnapshot(jobId: string) {
  return db.job.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      state: true,
      error: true,
      summary: true,
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
          hostId: true,
          hostName: true,
          state: true,
          startedAt: true,
          finishedAt: true,
          exitCode: true,
          error: true,
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
 * Everything is read from Postgres, so any web instance can serve any job.
 */
export function jobEventStream(jobId: string, afterSeq: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let lastSeq = afterSeq;
  let lastSnapshot = "";
  let wake: (() => void) | null = null;
  let pending = true;
  // Set when the consumer goes away (request.signal does not always abort on a client disconnect).
  let cancelled = false;
  const onNotify = () => {
    pending = true;
    wake?.();
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const emitter = jobEvents();
      emitter.on(jobId, onNotify);
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The browser went away; the abort signal ends the loop.
        }
      };
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      const abort = () => wake?.();
      signal.addEventListener("abort", abort);
      send("retry: 1000\n\n");
      try {
        while (!signal.aborted && !cancelled) {
          pending = false;
          const snapshot = await jobSnapshot(jobId);
          if (!snapshot) {
            send(`event: gone\ndata: {}\n\n`);
            break;
          }
          const json = JSON.stringify(snapshot);
          if (json !== lastSnapshot) {
            lastSnapshot = json;
            send(`event: job\ndata: ${json}\n\n`);
          }
          // Lines first read after the snapshot: a terminal snapshot guarantees every line is already stored.
          let lines = await readLogLines(jobId, lastSeq, PAGE);
          while (lines.length > 0) {
            send(lines.map((line) => `id: ${line.seq}\nevent: log\ndata: ${JSON.stringify(line)}\n\n`).join(""));
            lastSeq = lines[lines.length - 1].seq;
            lines = lines.length === PAGE ? await readLogLines(jobId, lastSeq, PAGE) : [];
          }
          if (TERMINAL.has(snapshot.state) && !pending) {
            send(`event: end\ndata: {"lastSeq":${lastSeq}}\n\n`);
            break;
          }
          if (!pending) {
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
        if (!signal.aborted) console.error(`[jobs] event stream of job ${jobId} failed:`, error);
      } finally {
        clearInterval(keepalive);
        emitter.off(jobId, onNotify);
        signal.removeEventListener("abort", abort);
        try {
          controller.close();
        } catch {
          // The client is gone already.
        }
      }
    },
    cancel() {
      cancelled = true;
      wake?.();
    },
  });
}
