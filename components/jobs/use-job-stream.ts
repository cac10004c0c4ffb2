"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LogLineData, SnapshotData } from "./types";

/**
 * Follows a job over SSE. Lines arrive once and in order: the browser's EventSource resumes after the last
 * id it saw, and lines at or below the last sequence number held are ignored anyway. Lines are rendered in
 * batches (one React update per animation frame), so a chatty job does not re-render per line.
 */
export function useJobStream(jobId: string, initial: SnapshotData) {
  const [snapshot, setSnapshot] = useState(initial);
  const [lines, setLines] = useState<LogLineData[]>([]);
  const [live, setLive] = useState(false);
  const [generation, setGeneration] = useState(0);
  const lastSeq = useRef(0);
  const pending = useRef<LogLineData[]>([]);
  const frame = useRef<number | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation (after a retry) must open a fresh stream.
  useEffect(() => {
    const source = new EventSource(`/api/jobs/${jobId}/events?after=${lastSeq.current}`);
    const flush = () => {
      frame.current = null;
      const batch = pending.current;
      pending.current = [];
      if (batch.length > 0) setLines((previous) => previous.concat(batch));
    };
    source.addEventListener("open", () => setLive(true));
    source.addEventListener("error", () => setLive(false));
    source.addEventListener("job", (event) => setSnapshot(JSON.parse((event as MessageEvent).data)));
    source.addEventListener("log", (event) => {
      const line = JSON.parse((event as MessageEvent).data) as LogLineData;
      if (line.seq <= lastSeq.current) return;
      lastSeq.current = line.seq;
      pending.current.push(line);
      frame.current ??= requestAnimationFrame(flush);
    });
    source.addEventListener("end", () => {
      source.close();
      setLive(false);
    });
    return () => {
      source.close();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      flush();
    };
  }, [jobId, generation]);

  /** After a retry or resume: follow the job again from the last line held. */
  const reconnect = useCallback(() => setGeneration((g) => g + 1), []);
  return { snapshot, lines, live, reconnect };
}
