import "server-only";
import type { z } from "zod";
import { refusedInput } from "./errors";
import { message } from "./i18n/message";

/**
 * Server-Sent Events, the panel's live feeds (a job's log, a cluster's topology). Imports nothing of the panel but
 * its errors, so the domains that produce the streams can use it as well as the route handlers that answer with them.
 */
const RETRY_MS = 1_000;
// Proxies and browsers drop a connection that stays silent for long; a comment line keeps it open.
const KEEPALIVE_MS = 15_000;

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // nginx would otherwise buffer the stream.
  "x-accel-buffering": "no",
};

export interface EventFrame {
  event: string;
  /** JSON text. */
  data: string;
  /** Moves the resume point: EventSource sends the last one it saw as Last-Event-ID when it reconnects. */
  id?: number | bigint | string;
}

export interface EventSink {
  /** Aborted once the stream is closed: the client went away (request aborted, stream cancelled) or close() ran. */
  readonly signal: AbortSignal;
  /** Sends frames as one chunk; does nothing once the stream is closed. */
  send(...frames: EventFrame[]): void;
  /** Runs when the stream closes, at once if it already has. */
  onClose(cleanup: () => void): void;
  close(): void;
}

export function eventStreamResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { headers: HEADERS });
}

/**
 * Where a stream resumes: EventSource's Last-Event-ID (sent when it reconnects) wins over the query string's
 * `after`. An empty Last-Event-ID is how EventSource says it has no id yet. A bad one is a 400.
 */
export function resumePoint<T>(request: Request, schema: z.ZodType<T>, after: T | undefined): T | undefined {
  const value = request.headers.get("last-event-id");
  if (value === null || value === "") return after;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw refusedInput(() => message("errors.input.header", { name: "Last-Event-ID" }), schema, value, parsed.error);
  return parsed.data;
}

/**
 * A stream that tells EventSource to reconnect after a second, keeps itself alive with comments, and closes when
 * the client goes away. `run` sends the frames; the stream stays open until it (or the client) closes it.
 * `signal` is the request's: it does not always abort on a client disconnect, a cancelled stream covers that.
 */
export function eventStream(signal: AbortSignal, run: (sink: EventSink) => void | Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const closed = new AbortController();
  const cleanups: (() => void)[] = [];
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let keepalive: NodeJS.Timeout | undefined;

  const write = (text: string) => {
    if (closed.signal.aborted) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      // The client is gone; the abort or the cancel closes the stream.
    }
  };
  const close = () => {
    if (closed.signal.aborted) return;
    closed.abort();
    clearInterval(keepalive);
    signal.removeEventListener("abort", close);
    for (const cleanup of cleanups.splice(0)) cleanup();
    try {
      controller.close();
    } catch {
      // Already closed by the client.
    }
  };
  const sink: EventSink = {
    signal: closed.signal,
    send: (...frames) => write(frames.map(formatFrame).join("")),
    onClose(cleanup) {
      if (closed.signal.aborted) cleanup();
      else cleanups.push(cleanup);
    },
    close,
  };

  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      if (signal.aborted) close();
      else {
        signal.addEventListener("abort", close);
        write(`retry: ${RETRY_MS}\n\n`);
        keepalive = setInterval(() => write(": keepalive\n\n"), KEEPALIVE_MS);
      }
      const failed = (error: unknown) => {
        if (!closed.signal.aborted) console.error("[sse] a stream failed:", error);
        close();
      };
      // At once, not a tick later: what `run` registers with onClose is in place before anyone can cancel.
      try {
        Promise.resolve(run(sink)).catch(failed);
      } catch (error) {
        failed(error);
      }
    },
    cancel: close,
  });
}

function formatFrame({ id, event, data }: EventFrame): string {
  // A line break would end the field early: each line of the data is a data field of its own.
  const lines = data.split("\n").map((line) => `data: ${line}\n`);
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\n${lines.join("")}\n`;
}
