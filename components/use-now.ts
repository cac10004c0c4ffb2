"use client";

import { useEffect, useState } from "react";

/**
 * The browser's clock, re-read every `intervalMs` (once only when null). It is null while the server renders and
 * while the browser hydrates that HTML: the two clocks differ, and any text computed from either would not match
 * (React error #418). Callers fall back to a time both sides know, such as the server's time in the data.
 */
export function useNow(intervalMs: number | null = 1_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (intervalMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
