import "server-only";
import pg from "pg";

/**
 * PostgreSQL LISTEN/NOTIFY for the whole process: one connection LISTENs to every channel someone subscribed to and
 * hands each notification to that channel's subscribers. When the connection drops it reconnects, backing off, and
 * LISTENs again. Notifications sent while it was away are lost for good, so after every (re)connect each subscriber
 * hears `listening()` and re-reads what it shows; subscribers keep a slower timer of their own as well, so a missed
 * notification only delays.
 */
export interface Subscriber {
  /** A notification on the channel; its payload ("" without one). */
  notification(payload: string): void;
  /** The channel's LISTEN is in place (again): whatever was announced before may have been missed. */
  listening?(): void;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;
// LISTEN takes an identifier, not a parameter: only plain lower-case names, which PostgreSQL reports back unchanged.
const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

interface State {
  subscribers: Map<string, Set<Subscriber>>;
  /** The connection, from the moment it is being opened until it is lost. */
  client: pg.Client | null;
  connected: boolean;
  /** Channels LISTENed (or being LISTENed) on this connection. */
  listened: Set<string>;
  /** The connection's last LISTEN or UNLISTEN: they run one after another, as pg wants. */
  queue: Promise<unknown>;
  retry: NodeJS.Timeout | null;
  delay: number;
}

// One per process; Next's dev server re-evaluates modules, so it is parked on globalThis.
const globalForNotifications = globalThis as unknown as { rmqNotifications?: State };

function state(): State {
  globalForNotifications.rmqNotifications ??= {
    subscribers: new Map(),
    client: null,
    connected: false,
    listened: new Set(),
    queue: Promise.resolve(),
    retry: null,
    delay: RECONNECT_MIN_MS,
  };
  return globalForNotifications.rmqNotifications;
}

/** Subscribes to a channel; the returned function unsubscribes (once is enough, twice is harmless). */
export function subscribe(channel: string, subscriber: Subscriber): () => void {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`Not a channel name: ${JSON.stringify(channel)}`);
  const s = state();
  let subscribers = s.subscribers.get(channel);
  if (!subscribers) s.subscribers.set(channel, (subscribers = new Set()));
  subscribers.add(subscriber);
  if (s.connected && s.client) void listen(s, s.client, channel);
  else connect(s);
  return () => {
    if (!subscribers.delete(subscriber) || subscribers.size > 0 || s.subscribers.get(channel) !== subscribers) return;
    s.subscribers.delete(channel);
    // Queued after any LISTEN of the same channel on this connection, and before any later one.
    if (s.connected && s.client && s.listened.delete(channel)) void run(s, s.client, `UNLISTEN ${channel}`);
  };
}

function connect(s: State) {
  if (s.client || s.retry) return;
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    connectionTimeoutMillis: 5_000,
    application_name: "rmq-panel-listen",
  });
  s.client = client;
  s.connected = false;
  s.listened = new Set();
  s.queue = Promise.resolve();
  client.on("error", (error) => lose(s, client, error));
  client.on("end", () => lose(s, client, new Error("connection closed")));
  client.on("notification", (message) => {
    if (s.client !== client) return;
    for (const subscriber of [...(s.subscribers.get(message.channel) ?? [])]) call(() => subscriber.notification(message.payload ?? ""));
  });
  client.connect().then(
    () => {
      if (s.client !== client) return;
      s.connected = true;
      s.delay = RECONNECT_MIN_MS;
      for (const channel of s.subscribers.keys()) void listen(s, client, channel);
    },
    (error) => lose(s, client, error),
  );
}

async function listen(s: State, client: pg.Client, channel: string) {
  if (s.listened.has(channel)) return;
  s.listened.add(channel);
  if (!(await run(s, client, `LISTEN ${channel}`))) return;
  for (const subscriber of [...(s.subscribers.get(channel) ?? [])]) call(() => subscriber.listening?.());
}

/** Runs a statement after the ones before it; false (and the connection dropped) when it failed. */
function run(s: State, client: pg.Client, sql: string): Promise<boolean> {
  const done = s.queue
    .then(() => client.query(sql))
    .then(
      () => s.client === client,
      (error) => {
        lose(s, client, error);
        return false;
      },
    );
  s.queue = done;
  return done;
}

/** Drops a connection (once) and, while anyone is subscribed, tries again after a while. */
function lose(s: State, client: pg.Client, error: Error) {
  if (s.client !== client) return;
  s.client = null;
  s.connected = false;
  client.end().catch(() => undefined);
  if (s.subscribers.size === 0) return;
  console.error(`[notifications] LISTEN connection lost (${error.message}); reconnecting in ${s.delay} ms`);
  s.retry = setTimeout(() => {
    s.retry = null;
    connect(s);
  }, s.delay);
  s.retry.unref();
  s.delay = Math.min(s.delay * 2, RECONNECT_MAX_MS);
}

// A subscriber's mistake must not stop the others from hearing, nor throw inside pg's socket handler.
function call(fn: () => void) {
  try {
    fn();
  } catch (error) {
    console.error("[notifications] a subscriber failed:", error);
  }
}
