import { describe, expect, it } from "vitest";
import { db } from "../db";
import { jobEventStream } from "./events";
import { LogSink } from "./log-sink";
import { notifyJobChanged } from "./notify";
import { insertJob } from "./store";

const newJob = () => db.$transaction((tx) => insertJob(tx, null, { kind: "events-test", title: "events test", params: {}, steps: [] }));

/** Reads a stream to its end, as text. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
  return text;
}

describe("a job's event stream", () => {
  it("says retry first, then the job, each line with its sequence number as id, and the end once the job is over", async () => {
    const job = await newJob();
    const controller = new AbortController();
    const reader = jobEventStream(job.id, 0, controller.signal).getReader();
    const decoder = new TextDecoder();
    const read = async () => decoder.decode((await reader.read()).value);
    expect(await read()).toBe("retry: 1000\n\n");
    expect(await read()).toMatch(/^event: job\ndata: \{"id":"[0-9a-f-]+","state":"queued",.*\}\n\n$/);

    // Woken by the sink's NOTIFY, well before the fallback timer.
    const sink = await LogSink.open(job.id);
    sink.write(null, "info", "one");
    sink.write(null, "stdout", "two");
    await sink.close();
    let text = "";
    while (!text.includes("id: 2\n")) text += await read();
    const lines = await db.jobLogLine.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
    expect(text).toBe(
      lines
        .map(
          (line) =>
            `id: ${line.seq}\nevent: log\ndata: ${JSON.stringify({ seq: line.seq, stepId: null, stream: line.stream, text: line.text, at: line.at })}\n\n`,
        )
        .join(""),
    );

    await db.job.update({ where: { id: job.id }, data: { state: "succeeded", finishedAt: new Date() } });
    await notifyJobChanged(job.id);
    text = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
    expect(text).toMatch(/^event: job\ndata: \{.*"state":"succeeded".*\}\n\nevent: end\ndata: \{"lastSeq":2\}\n\n$/);
  });

  it("resumes after the sequence number it is given", async () => {
    const job = await newJob();
    const sink = await LogSink.open(job.id);
    for (const text of ["a", "b", "c"]) sink.write(null, "stdout", text);
    await sink.close();
    await db.job.update({ where: { id: job.id }, data: { state: "failed", finishedAt: new Date() } });
    const text = await readAll(jobEventStream(job.id, 1, new AbortController().signal));
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([2, 3]);
    expect(text.endsWith('event: end\ndata: {"lastSeq":3}\n\n')).toBe(true);
  });

  it("says gone for a job that does not exist, and closes", async () => {
    const text = await readAll(jobEventStream("7d1f3c2e-9b4a-4e6f-8a2d-0c5b7e9f1a3d", 0, new AbortController().signal));
    expect(text).toBe("retry: 1000\n\nevent: gone\ndata: {}\n\n");
  });

  it("ends when the client goes away", async () => {
    const job = await newJob();
    const controller = new AbortController();
    const reader = jobEventStream(job.id, 0, controller.signal).getReader();
    await reader.read();
    controller.abort();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
