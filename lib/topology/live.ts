import "server-only";
import { EventEmitter } from "node:events";
import { subscribe } from "../db/notifications";
import { AppError, notFound } from "../errors";
import { message } from "../i18n/message";
import { eventStream } from "../sse";
import { latestEventId, readClusterSnapshot, readEventsAfter, TOPOLOGY_CHANNEL } from "./store";

/**
 * The web side: each process keeps the latest snapshot of every cluster someone looks at in memory, refreshed when
 * the worker's NOTIFY says it stored a new one (and every few seconds anyway, in case a notification was missed
 * while the LISTEN connection reconnected). The snapshot API answers from here; SSE streams are woken from here.
 */
const SAFETY_REFRESH_MS = 5_000;
const EVENTS_POLL_MS = 5_000;
const EVICT_AFTER_MS = 10 * 60_000;
/**
 * Snapshots kept for clusters nobody streams, least recently used evicted first. Only clusters that exist get an
 * entry, so this bounds memory and the 5 s refresh (64 reads per 5 s at most) when a panel has many clusters: 64 is
 * more than anyone looks at at once, and 64 snapshots of the benchmark's 100 groups x 3 nodes (278 KB each) stay
 * under 20 MB.
 * Streamed clusters are never evicted; the streams themselves are bounded per user below.
 */
export const MAX_UNWATCHED_SNAPSHOTS = 64;
/**
 * Open topology streams per user in one web process. A browser keeps at most 6 HTTP/1.1 connections per origin, so
 * 16 is a few tabs on a few devices; more is a script holding connections (and entries) open.
 */
export const MAX_STREAMS_PER_USER = 16;

interface Entry {
  text: string | null;
  loaded: Promise<void>;
  loading: boolean;
  again: boolean;
  lastUsed: number;
}

interface LiveState {
  emitter: EventEmitter;
  /** In least-recently-used order: a read moves its entry to the end. */
  entries: Map<string, Entry>;
  /** Open streams per user id. */
  streams: Map<string, number>;
  subscribed: boolean;
  timer: NodeJS.Timeout | null;
}

const globalForLive = globalThis as unknown as { rmqTopologyLive?: LiveState };

function live(): LiveState {
  const state = (globalForLive.rmqTopologyLive ??= {
    emitter: new EventEmitter().setMaxListeners(0),
    entries: new Map(),
    streams: new Map(),
    subscribed: false,
    timer: null,
  });
  if (!state.subscribed) {
    state.subscribed = true;
    subscribe(TOPOLOGY_CHANNEL, { notification: (payload) => notified(state, payload), listening: () => reread(state) });
  }
  state.timer ??= setInterval(() => housekeeping(state), SAFETY_REFRESH_MS);
  state.timer.unref();
  return state;
}

/** The worker stored a snapshot of a cluster ("<id>"), and with it timeline events ("<id> events"). */
function notified(state: LiveState, payload: string) {
  const [clusterId, kind] = payload.split(" ");
  if (state.entries.has(clusterId)) refresh(state, clusterId);
  if (kind === "events") state.emitter.emit(`events:${clusterId}`);
}

/** After a (re)connect of the LISTEN connection: whatever was announced meanwhile is lost, so read everything again. */
function reread(state: LiveState) {
  for (const clusterId of state.entries.keys()) {
    refresh(state, clusterId);
    state.emitter.emit(`events:${clusterId}`);
  }
}

/** Re-reads one snapshot; a notification arriving during the read causes one more read after it. */
function refresh(state: LiveState, clusterId: string) {
  const entry = state.entries.get(clusterId);
  if (!entry) return;
  if (entry.loading) {
    entry.again = true;
    return;
  }
  entry.loading = true;
  entry.loaded = readClusterSnapshot(clusterId)
    .then((found) => {
      // The cluster was deleted: forget it (a later read answers 404).
      if (!found) {
        state.entries.delete(clusterId);
        return;
      }
      if (found.text !== entry.text) {
        entry.text = found.text;
        state.emitter.emit(`snapshot:${clusterId}`, found.text);
      }
    })
    .catch((error) => console.error(`[topology] reading the snapshot of cluster ${clusterId} failed:`, error.message))
    .finally(() => {
      entry.loading = false;
      if (entry.again) {
        entry.again = false;
        refresh(state, clusterId);
      }
    });
}

const isWatched = (state: LiveState, clusterId: string) => state.emitter.listenerCount(`snapshot:${clusterId}`) > 0;

function housekeeping(state: LiveState) {
  const now = Date.now();
  for (const [clusterId, entry] of state.entries) {
    if (!isWatched(state, clusterId) && now - entry.lastUsed > EVICT_AFTER_MS) state.entries.delete(clusterId);
    else refresh(state, clusterId);
  }
}

/** Drops the least recently used unwatched entries beyond MAX_UNWATCHED_SNAPSHOTS. */
function evict(state: LiveState) {
  let unwatched = 0;
  for (const clusterId of state.entries.keys()) if (!isWatched(state, clusterId)) unwatched++;
  for (const clusterId of state.entries.keys()) {
    if (unwatched <= MAX_UNWATCHED_SNAPSHOTS) break;
    if (isWatched(state, clusterId)) continue;
    state.entries.delete(clusterId);
    unwatched--;
  }
}

/** The cached entry, or the cluster's stored snapshot as a new one; an unknown cluster is a 404 and is not cached. */
async function track(state: LiveState, clusterId: string): Promise<Entry> {
  let entry = state.entries.get(clusterId);
  if (!entry) {
    const found = await readClusterSnapshot(clusterId);
    if (!found) throw notFound("cluster");
    // A concurrent first read may have added it meanwhile.
    entry = state.entries.get(clusterId) ?? { text: found.text, loaded: Promise.resolve(), loading: false, again: false, lastUsed: 0 };
  }
  entry.lastUsed = Date.now();
  state.entries.delete(clusterId);
  state.entries.set(clusterId, entry);
  evict(state);
  return entry;
}

/**
 * The latest snapshot of a cluster as JSON text (null before its first poll), from memory after the first call.
 * Throws a 404 AppError for a cluster that does not exist.
 */
export async function latestSnapshotText(clusterId: string): Promise<string | null> {
  const entry = await track(live(), clusterId);
  await entry.loaded;
  return entry.text;
}

/** What the cache holds, for tests and diagnostics. */
export function topologyCacheStats(): { clusterIds: string[]; streamsByUser: Record<string, number> } {
  const state = live();
  return { clusterIds: [...state.entries.keys()], streamsByUser: Object.fromEntries(state.streams) };
}

/** Counts a stream against its user's limit; the returned function gives the slot back (once). */
function claimStreamSlot(state: LiveState, userId: string): () => void {
  const open = state.streams.get(userId) ?? 0;
  if (open >= MAX_STREAMS_PER_USER) {
    throw new AppError(message("errors.topology.tooManyStreams", { max: MAX_STREAMS_PER_USER }), 429, "too_many_streams");
  }
  state.streams.set(userId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (state.streams.get(userId) ?? 1) - 1;
    if (left > 0) state.streams.set(userId, left);
    else state.streams.delete(userId);
  };
}

/**
 * The topology page's live feed as Server-Sent Events:
 *   event: snapshot  {serverNow, snapshot}: the latest snapshot, at connect and whenever the worker stores one (no id)
 *   event: event     one timeline event, `id:` its number, so EventSource resumes with Last-Event-ID
 * Everything comes from Postgres (through this process's memory), so any web instance can serve any cluster.
 */
export async function topologyEventStream(
  clusterId: string,
  userId: string,
  afterEventId: bigint | null,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const state = live();
  const release = claimStreamSlot(state, userId);
  let lastId: bigint;
  try {
    // An unknown cluster is a 404 here, before any stream exists. Without a resume point the timeline starts from now.
    await latestSnapshotText(clusterId);
    lastId = afterEventId ?? (await latestEventId(clusterId));
  } catch (error) {
    release();
    throw error;
  }
  return eventStream(signal, async (sink) => {
    sink.onClose(release);
    let reading = false;
    let readAgain = false;
    const sendSnapshot = (text: string | null) => {
      if (text !== null) sink.send({ event: "snapshot", data: `{"serverNow":${Date.now()},"snapshot":${text}}` });
    };
    const sendEvents = async () => {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      try {
        do {
          readAgain = false;
          const events = await readEventsAfter(clusterId, lastId);
          if (events.length > 0) {
            sink.send(...events.map((e) => ({ id: e.id, event: "event", data: JSON.stringify(e) })));
            lastId = BigInt(events[events.length - 1].id);
            if (events.length === 500) readAgain = true;
          }
        } while (readAgain && !sink.signal.aborted);
      } catch (error) {
        if (!sink.signal.aborted) console.error(`[topology] reading events of cluster ${clusterId} failed:`, error);
      } finally {
        reading = false;
      }
    };
    const onEvents = () => void sendEvents();
    state.emitter.on(`snapshot:${clusterId}`, sendSnapshot);
    state.emitter.on(`events:${clusterId}`, onEvents);
    const poll = setInterval(onEvents, EVENTS_POLL_MS);
    sink.onClose(() => {
      clearInterval(poll);
      state.emitter.off(`snapshot:${clusterId}`, sendSnapshot);
      state.emitter.off(`events:${clusterId}`, onEvents);
    });
    if (sink.signal.aborted) return;
    // Read again now that this stream watches the entry: it may have been evicted since the check above.
    const first = await latestSnapshotText(clusterId).catch(() => null);
    sendSnapshot(first);
    await sendEvents();
  });
}
