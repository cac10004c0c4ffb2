/**
 * Paging a topic's messages in a time range, newest first, across its queues. Each queue is a window of offsets
 * [start, end) where the range falls (the broker's search by timestamp gives the offset whose store time is nearest,
 * so the window is one wider on each side and store times are checked exactly). A page reads the newest `limit`
 * offsets of each window, keeps those inside the range, takes the newest `limit` over all queues, and moves each
 * window's end below what it took. Pure: the reads happen in messages.ts.
 */

export interface QueueWindow {
  key: string;
  /** The first offset that may be in range. */
  start: number;
  /** The first offset not to read (counting down, it is where the next page starts). */
  end: number;
}

export interface Stored {
  queueOffset: number;
  storeTimestamp: number;
}

/** The offsets of a window this page reads: its newest `limit`. */
export function readSpan(window: QueueWindow, limit: number): { from: number; to: number } {
  return { from: Math.max(window.start, window.end - limit), to: window.end };
}

/**
 * The page and where each window continues. `read` holds, per window key, the messages read from its span (any
 * order); `range` is inclusive on both ends.
 */
export function takeNewest<M extends Stored>(
  windows: QueueWindow[],
  read: Map<string, M[]>,
  range: { from: number; to: number },
  limit: number,
): { items: { key: string; message: M }[]; windows: QueueWindow[] } {
  // A window read only in part may hold, below what was read, messages newer than another queue's: nothing older
  // than the oldest message such a window read may be taken yet.
  const horizon = Math.max(
    range.from,
    ...windows
      .filter((w) => readSpan(w, limit).from > w.start && (read.get(w.key)?.length ?? 0) > 0)
      .map((w) => Math.min(...(read.get(w.key) ?? []).map((m) => m.storeTimestamp))),
  );
  const candidates = windows.flatMap((w) =>
    (read.get(w.key) ?? [])
      .filter((m) => m.storeTimestamp >= horizon && m.storeTimestamp <= range.to)
      .map((message) => ({ key: w.key, message })),
  );
  candidates.sort(
    (a, b) =>
      b.message.storeTimestamp - a.message.storeTimestamp ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      b.message.queueOffset - a.message.queueOffset,
  );
  const items = candidates.slice(0, limit);
  const next = windows.map((w) => {
    const taken = items.filter((i) => i.key === w.key).map((i) => i.message.queueOffset);
    if (taken.length > 0) return { ...w, end: Math.min(...taken) };
    // Nothing this window read is in range: it is behind us. Something in range (or below the horizon) waits.
    const waiting = (read.get(w.key) ?? []).some((m) => m.storeTimestamp >= range.from && m.storeTimestamp <= range.to);
    return waiting ? w : { ...w, end: readSpan(w, limit).from };
  });
  return { items, windows: next };
}

export const exhausted = (window: QueueWindow) => window.end <= window.start;
