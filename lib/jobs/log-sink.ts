import "server-only";
import { db } from "../db";
import type { LogStream } from "../db/generated/client";
import { type Message, message } from "../i18n/message";
import { english } from "../i18n/translate";
import { notifyJobChanged } from "./notify";

export interface LogLine {
  seq: number;
  stepId: string | null;
  stream: LogStream;
  /** The English of a line the panel wrote, or a command's own output as it printed it. */
  text: string;
  /** The line the panel wrote, for the reader's language; null for a command's own output. */
  message: Message | null;
  at: Date;
}

// Lines are batched: one INSERT per flush keeps Postgres off the hot path of a chatty command, and the delay
// is short enough that a browser sees a line well under a second after the host printed it.
const FLUSH_DELAY_MS = 40;
const MAX_BATCH = 1000;
// A single line longer than this is cut (a runaway binary dump must not bloat the table).
const MAX_LINE_CHARS = 8192;

/**
 * The one writer of a job's log while the job runs. It hands out gap-free sequence numbers (the worker
 * running the job is the only writer; a resumed run continues after the highest stored one), so browsers
 * can resume an SSE stream from the last sequence number they saw.
 */
export class LogSink {
  private buffer: LogLine[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  private constructor(
    readonly jobId: string,
    private seq: number,
  ) {}

  static async open(jobId: string): Promise<LogSink> {
    const last = await db.jobLogLine.aggregate({ where: { jobId }, _max: { seq: true } });
    return new LogSink(jobId, last._max.seq ?? 0);
  }

  /** Appends one line (no newline inside): a message the panel wrote, or a command's output; returns its sequence number. */
  write(stepId: string | null, stream: LogStream, line: Message | string): number {
    let said = typeof line === "string" ? null : line;
    let text = english(line);
    if (text.length > MAX_LINE_CHARS) {
      said = message("jobLog.lineCut", { text: text.slice(0, MAX_LINE_CHARS), max: MAX_LINE_CHARS });
      text = english(said);
    }
    this.seq += 1;
    this.buffer.push({ seq: this.seq, stepId, stream, text, message: said, at: new Date() });
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
    return this.seq;
  }

  /** Writes a message the panel wrote, or output that may hold several lines. */
  writeLines(stepId: string | null, stream: LogStream, text: Message | string): void {
    if (typeof text !== "string") this.write(stepId, stream, text);
    else for (const line of text.replace(/\r?\n$/, "").split(/\r?\n/)) this.write(stepId, stream, line);
  }

  /** Stores everything written so far; flushes run one after another, so lines land in order. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        await insertLines(this.jobId, batch);
        await notifyJobChanged(this.jobId);
      } catch (error) {
        // Kept, not thrown here: the runner calls close() and reports it, a timer callback has nobody to tell.
        this.failure ??= error;
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.failure) throw this.failure;
  }
}

/** One INSERT for the whole batch, its columns as arrays: far cheaper than a statement with a parameter per value. */
async function insertLines(jobId: string, batch: LogLine[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "JobLogLine" ("jobId", seq, "stepId", stream, text, message, at)
    SELECT ${jobId}, seq, "stepId", stream::"LogStream", text, message::jsonb, (at::timestamptz AT TIME ZONE 'UTC')
    FROM unnest(${batch.map((l) => l.seq)}::int[], ${batch.map((l) => l.stepId)}::text[], ${batch.map((l) => l.stream)}::text[],
                ${batch.map((l) => l.text)}::text[], ${batch.map((l) => (l.message ? JSON.stringify(l.message) : null))}::text[],
                ${batch.map((l) => l.at.toISOString())}::text[]) AS t(seq, "stepId", stream, text, message, at)`;
}

/** Splits a stream of chunks into lines for the sink; the last partial line is written by end(). */
export function lineSplitter(writeLine: (line: string) => void) {
  let partial = "";
  return {
    write(chunk: string) {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const part of parts) writeLine(part.replace(/\r$/, ""));
    },
    end() {
      if (partial !== "") writeLine(partial.replace(/\r$/, ""));
      partial = "";
    },
  };
}
