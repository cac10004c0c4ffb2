"use client";

import { useEffect, useRef, useState } from "react";

/** Handles one named event's data (its JSON, parsed); `close` ends the stream for good (a job that is over). */
export type EventHandlers = Record<string, (data: unknown, close: () => void) => void>;

const REOPEN_MIN_MS = 1_000;
const REOPEN_MAX_MS = 10_000;

/**
 * Follows a Server-Sent Events stream, handing each named event to its handler, which writes it into the query
 * cache. After a dropped connection the browser's EventSource reconnects by itself, resuming with Last-Event-ID;
 * but it gives up for good when a reconnect is answered with anything but a stream (a 503 while the database is
 * away), so then a new one is opened, backing off, at the resume point `url()` gives at that moment.
 * A new `key` opens a new stream; `url` and the handlers may change without one.
 */
export function useEventStream(key: string, url: () => string, handlers: EventHandlers): { live: boolean } {
  const [live, setLive] = useState(false);
  const latest = useRef({ url, handlers });
  latest.current = { url, handlers };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key says when to open a new stream; url and handlers are read through the ref.
  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let delay = REOPEN_MIN_MS;
    let closed = false;
    const close = () => {
      closed = true;
      clearTimeout(reopen);
      source?.close();
      setLive(false);
    };
    const open = () => {
      const current = new EventSource(latest.current.url());
      source = current;
      current.addEventListener("open", () => {
        delay = REOPEN_MIN_MS;
        setLive(true);
      });
      current.addEventListener("error", () => {
        setLive(false);
        // CONNECTING: EventSource retries by itself. CLOSED: it gave up.
        if (closed || current.readyState !== EventSource.CLOSED) return;
        reopen = setTimeout(open, delay);
        delay = Math.min(delay * 2, REOPEN_MAX_MS);
      });
      for (const name of Object.keys(latest.current.handlers)) {
        current.addEventListener(name, (event) => {
          if (!closed) latest.current.handlers[name]?.(JSON.parse((event as MessageEvent).data), close);
        });
      }
    };
    open();
    return close;
  }, [key]);

  return { live };
}
