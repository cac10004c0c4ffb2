/**
 * `npm run bench:logs`: how fast job log lines travel from a worker to a browser's SSE stream, and how many a
 * job sustains. A LogSink (the worker's writer) and jobEventStream (what /api/jobs/:id/events serves) run against
 * a throwaway embedded PostgreSQL; every line must arrive exactly once, in order.
 *   latency     200 lines/s for 10 s; per line, the time from write() to its arrival on the stream
 *   throughput  200 000 lines written as fast as the sink takes them; lines/s until the last one arrived
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";

const LATENCY_RATE = 200;
const LATENCY_SECONDS = 10;
const THROUGHPUT_LINES = 200_000;

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rmq-bench-logs-"));
  await fs.chmod(dir, 0o711);
  const server = await startEmbeddedPostgres(dir);
  process.env.DATABASE_URL = server.url;
  try {
    await applyMigrations(server.url);
    const { db } = await import("../lib/db");
    const { LogSink, jobEventStream } = await import("../lib/jobs");
    const newJob = () => db.job.create({ data: { kind: "bench", title: "log benchmark", state: "running" } });

    // Latency at a steady rate.
    const latencyJob = await newJob();
    const sink = await LogSink.open(latencyJob.id);
    const sentAt = new Map<number, number>();
    const consumer = consume(jobEventStream, latencyJob.id, LATENCY_RATE * LATENCY_SECONDS);
    const total = LATENCY_RATE * LATENCY_SECONDS;
    const started = performance.now();
    for (let i = 1; i <= total; i++) {
      const due = started + (i * 1000) / LATENCY_RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sentAt.set(sink.write(null, "stdout", `latency line ${i}`), performance.now());
    }
    await sink.close();
    const latency = await consumer;
    const delays = latency.arrivals.map(({ seq, at }) => at - sentAt.get(seq)!).sort((a, b) => a - b);
    checkComplete("latency", latency.seqs, total);

    // Throughput: as fast as the sink takes them.
    const bulkJob = await newJob();
    const bulk = await LogSink.open(bulkJob.id);
    const bulkConsumer = consume(jobEventStream, bulkJob.id, THROUGHPUT_LINES);
    const bulkStart = performance.now();
    for (let i = 1; i <= THROUGHPUT_LINES; i++) {
      bulk.write(null, "stdout", `throughput line ${i} ${"x".repeat(60)}`);
      // Yield now and then, as a real command's output arrives in chunks between I/O.
      if (i % 1000 === 0) await sleep(0);
    }
    await bulk.close();
    const bulkResult = await bulkConsumer;
    const seconds = (bulkResult.lastAt - bulkStart) / 1000;
    checkComplete("throughput", bulkResult.seqs, THROUGHPUT_LINES);

    console.log(
      `log lines: latency p50 ${percentile(delays, 0.5).toFixed(1)} ms, p99 ${percentile(delays, 0.99).toFixed(1)} ms (${total} lines at ${LATENCY_RATE}/s)`,
    );
    console.log(
      `log lines: ${Math.round(THROUGHPUT_LINES / seconds)} lines/s sustained (${THROUGHPUT_LINES} lines in ${seconds.toFixed(1)} s), 0 lost, 0 doubled`,
    );
    await db.$disconnect();
  } finally {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

/** Reads a job's SSE stream until `expected` lines arrived; records each line's seq and arrival time. */
async function consume(
  stream: (jobId: string, after: number, signal: AbortSignal) => ReadableStream<Uint8Array>,
  jobId: string,
  expected: number,
) {
  const controller = new AbortController();
  const reader = stream(jobId, 0, controller.signal).getReader();
  const decoder = new TextDecoder();
  const arrivals: { seq: number; at: number }[] = [];
  let buffer = "";
  while (arrivals.length < expected) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const events = buffer.split("\n\n");
    buffer = events.pop() ?? "";
    const at = performance.now();
    for (const event of events) {
      const id = /^id: (\d+)$/m.exec(event);
      if (id && event.includes("event: log")) arrivals.push({ seq: Number(id[1]), at });
    }
  }
  controller.abort();
  return { arrivals, seqs: arrivals.map((a) => a.seq), lastAt: arrivals.at(-1)?.at ?? performance.now() };
}

function checkComplete(what: string, seqs: number[], expected: number) {
  const ok = seqs.length === expected && seqs.every((seq, i) => seq === i + 1);
  if (!ok) throw new Error(`${what}: expected lines 1..${expected} once each, in order; got ${seqs.length} lines`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
