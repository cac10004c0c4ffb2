"use client";

import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useEventStream } from "../use-event-stream";
import { jobKeys } from "./queries";
import type { LogLineData, SnapshotData } from "./types";

const NO_LINES: LogLineData[] = [];

/**
 * Follows a job over SSE into the query cache. Lines arrive once and in order: the stream resumes after the last
 * line held, and lines at or below it are ignored anyway. Lines are added in batches (one cache update per
 * animation frame), so a chatty job does not re-render per line.
 */
export function useJobStream(jobId: string, initial: SnapshotData) {
  const queryClient = useQueryClient();
  // (With skipToken the data's type allows undefined, whatever initialData says.)
  const snapshot = useQuery({ queryKey: jobKeys.snapshot(jobId), queryFn: skipToken, initialData: initial }).data ?? initial;
  const lines = useQuery({ queryKey: jobKeys.log(jobId), queryFn: skipToken, initialData: NO_LINES }).data ?? NO_LINES;
  const [generation, setGeneration] = useState(0);
  const pending = useRef<LogLineData[]>([]);
  const frame = useRef<number | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    const batch = pending.current;
    pending.current = [];
    if (batch.length > 0) queryClient.setQueryData<LogLineData[]>(jobKeys.log(jobId), (held = []) => held.concat(batch));
  }, [jobId, queryClient]);
  // Lines still waiting for a frame belong in the cache when the page goes.
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      flush();
    },
    [flush],
  );

  const lastSeq = () => pending.current.at(-1)?.seq ?? queryClient.getQueryData<LogLineData[]>(jobKeys.log(jobId))?.at(-1)?.seq ?? 0;
  const { live } = useEventStream(`${jobId}#${generation}`, () => `/api/jobs/${jobId}/events?after=${lastSeq()}`, {
    job: (data) => queryClient.setQueryData(jobKeys.snapshot(jobId), data as SnapshotData),
    log: (data) => {
      const line = data as LogLineData;
      if (line.seq <= lastSeq()) return;
      pending.current.push(line);
      frame.current ??= requestAnimationFrame(flush);
    },
    end: (_, close) => close(),
    gone: (_, close) => close(),
  });

  /** After a retry or resume: follow the job again from the last line held. */
  const reconnect = useCallback(() => setGeneration((g) => g + 1), []);
  return { snapshot, lines, live, reconnect };
}
