import type { GroupReading, IndexedGroup, IndexedTopic, TopicReading } from "./rows";

/**
 * What the index stores for a reading, and which stored rows change: the pure half of storing a refresh. A part the
 * brokers did not answer this time keeps the stored row's figures (a new row starts from zero).
 */

export function settleTopic(reading: TopicReading, stored: IndexedTopic | undefined): IndexedTopic {
  if (!reading.statsMissing || !stored) return reading.row;
  return { ...reading.row, messages: stored.messages, lastUpdatedAt: stored.lastUpdatedAt };
}

export function settleGroup(reading: GroupReading, stored: IndexedGroup | undefined): IndexedGroup {
  let row = reading.row;
  if (reading.consumeMissing && stored) row = { ...row, lag: stored.lag, consumeTps: stored.consumeTps, topics: stored.topics };
  if (reading.connectionMissing && stored)
    row = { ...row, online: stored.online, clients: stored.clients, messageModel: stored.messageModel };
  return row;
}

export interface RowDiff<T> {
  added: T[];
  changed: T[];
  removed: string[];
}

/** Rows by name: new ones, ones whose any field differs, and names no longer there. */
export function diffRows<T extends { name: string }>(stored: readonly T[], fresh: readonly T[]): RowDiff<T> {
  const before = new Map(stored.map((row) => [row.name, row]));
  const now = new Set(fresh.map((row) => row.name));
  const diff: RowDiff<T> = { added: [], changed: [], removed: [] };
  for (const row of fresh) {
    const old = before.get(row.name);
    if (!old) diff.added.push(row);
    else if (!sameRow(old, row)) diff.changed.push(row);
  }
  for (const name of before.keys()) if (!now.has(name)) diff.removed.push(name);
  return diff;
}

// Rows are flat objects whose arrays are kept sorted: field by field, arrays item by item.
function sameRow<T extends object>(a: T, b: T): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof T>;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((item, i) => item !== y[i])) return false;
    } else if (x !== y) return false;
  }
  return true;
}
