import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { readEventsAfter, readSnapshotText, TOPOLOGY_CHANNEL } from "./store";

/**
 * The web side: each process keeps the latest snapshot of every cluster someone looks at in memory, refreshed when
 * the worker's NOTIFY says it stored a new one (and every few seconds anyway, in case a notification was missed
 * while the LISTEN connection reconnected). The snapshot API answers from here; SSE streams are woken from here.
 */
const SAFETY_REFRESH_MS = 5_000;
const EVENTS_POLL_MS = 5_000;
const KEEPALIVE_MS = 15_000;
const EVICT_AFTER_MS = 10 * 60_000;

interface Entry {
  text: string | null;
  loaded: Promise<void>;
  loading: boolean;
  again: boolean;
  lastUsed: number;
}

interface LiveState {
  emitter: EventEmitter;
  entries: Map<string, Entry>;
  listener: Promise<pg.Client> | null;
  timer: NodeJS.Timeout | null;
}

const globalForLive = globalThis as unknown as { rmqTopologyLive?: LiveState };

function live(): LiveState {
  const state = (globalForLive.rmqTopologyLive ??= { emitter: new EventEmitter().setMaxListeners(0), entries: new Map(), listener: null, timer: null });
  ensureListener(state);
  state.timer ??= setInterval(() => housekeeping(state), SAFETY_REFRESH_MS);
  state.timer.unref();
  return state;
}

/** (Re)connects the LISTEN connection; until it is up, the periodic refresh keeps snapshots at most a few seconds old. */
function ensureListener(state: LiveState) {
  state.listener ??= listen(state).catch((error) => {
    console.error(`[topology] LISTEN ${TOPOLOGY_CHANNEL} failed; refreshing every ${SAFETY_REFRESH_MS / 1000} s until it is back:`, error.message);
    state.listener = null;
    throw error;
  });
  state.listener.catch(() => undefined);
}

async function listen(state: LiveState): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "rmq-panel-topology" });
  const reset = () => {
    state.listener = null;
    client.end().catch(() => undefined);
  };
  client.on("error", reset);
  client.on("end", reset);
  client.on("notification", (message) => {
    const [clusterId, kind] = (message.payload ?? "").split(" ");
    if (state.entries.has(clusterId)) refresh(state, clusterId);
    if (kind === "events") state.emitter.emit(`events:${clusterId}`);
  });
  await client.connect();
  await client.query(`LISTEN ${TOPOLOGY_CHANNEL}`);
  return client;
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
  entry.loaded = readSnapshotText(clusterId)
    .then((row) => {
      const text = row;
      if (text !== entry.text) {
        entry.text = text;
        state.emitter.emit(`snapshot:${clusterId}`, text);
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

function housekeeping(state: LiveState) {
  if (state.entries.size > 0) ensureListener(state);
  const now = Date.now();
  for (const [clusterId, entry] of state.entries) {
    const watched = state.emitter.listenerCount(`snapshot:${clusterId}`) > 0;
    if (!watched && now - entry.lastUsed > EVICT_AFTER_MS) state.entries.delete(clusterId);
    else refresh(state, clusterId);
  }
}

function track(state: LiveState, clusterId: string): Entry {
  let entry = state.entries.get(clusterId);
  if (!entry) {
    entry = { text: null, loaded: Promise.resolve(), loading: false, again: false, lastUsed: Date.now() };
    state.entries.set(clusterId, entry);
    refresh(state, clusterId);
  }
  entry.lastUsed = Date.now();
  return entry;
}

/** The latest snapshot of a cluster as JSON text (null before its first poll), from memory after the first call. */
export async function latestSnapshotText(clusterId: string): Promise<string | null> {
  const entry = track(live(), clusterId);
  await entry.loaded;
  return entry.text;
}

/**
 * The topology page's live feed as Server-Sent Events:
 *   event: snapshot  {serverNow, snapshot}: the latest snapshot, at connect and whenever the worker stores one (no id)
 *   event: event     one timeline event, `id:` its number, so EventSource resumes with Last-Event-ID
 * Everything comes from Postgres (through this process's memory), so any web instance can serve any cluster.
 */
export function topologyEventStream(clusterId: string, afterEventId: bigint, signal: AbortSignal): ReadableStream<Uint8Array> {
  const state = live();
  const encoder = new TextEncoder();
  let lastId = afterEventId;
  let reading = false;
  let readAgain = false;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The browser went away; the abort signal cleans up.
        }
      };
      const sendSnapshot = (text: string | null) => {
        if (text !== null) send(`event: snapshot\ndata: {"serverNow":${Date.now()},"snapshot":${text}}\n\n`);
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
              send(events.map((e) => `id: ${e.id}\nevent: event\ndata: ${JSON.stringify(e)}\n\n`).join(""));
              lastId = BigInt(events[events.length - 1].id);
              if (events.length === 500) readAgain = true;
            }
          } while (readAgain && !signal.aborted);
        } catch (error) {
          if (!signal.aborted) console.error(`[topology] reading events of cluster ${clusterId} failed:`, error);
        } finally {
          reading = false;
        }
      };
      const onEvents = () => void sendEvents();
      state.emitter.on(`snapshot:${clusterId}`, sendSnapshot);
      state.emitter.on(`events:${clusterId}`, onEvents);
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      const poll = setInterval(onEvents, EVENTS_POLL_MS);
      const close = () => {
        clearInterval(keepalive);
        clearInterval(poll);
        state.emitter.off(`snapshot:${clusterId}`, sendSnapshot);
        state.emitter.off(`events:${clusterId}`, onEvents);
        try {
          controller.close();
        } catch {
          // Already closed.
        }
      };
      signal.addEventListener("abort", close, { once: true });
      send("retry: 1000\n\n");
      sendSnapshot(await latestSnapshotText(clusterId));
      await sendEvents();
    },
  });
}
