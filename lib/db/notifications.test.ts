import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/fresh-database";
import { subscribe } from "./notifications";

// A database of its own: the reconnect test terminates this process's LISTEN connection, found by database name.
let notifier: pg.Client;

beforeAll(async () => {
  notifier = new pg.Client({ connectionString: await useFreshDatabase("rmq_notifications") });
  await notifier.connect();
});

afterAll(() => notifier.end());

const notify = (channel: string, payload: string) => notifier.query("SELECT pg_notify($1, $2)", [channel, payload]);

/** A subscriber that remembers what it heard. */
function recorder(channel: string) {
  const heard = { payloads: [] as string[], listening: 0 };
  const unsubscribe = subscribe(channel, {
    notification: (payload) => heard.payloads.push(payload),
    listening: () => heard.listening++,
  });
  return { heard, unsubscribe };
}

const listenerPids = async () =>
  (
    await notifier.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = 'rmq-panel-listen' AND datname = current_database()",
    )
  ).rows.map((row) => row.pid);

describe("notifications", () => {
  it("share one connection between channels and subscribers, each hearing only its channel", async () => {
    const a1 = recorder("rmq_test_a");
    const a2 = recorder("rmq_test_a");
    const b = recorder("rmq_test_b");
    await expect.poll(() => [a1.heard.listening, a2.heard.listening, b.heard.listening]).toEqual([1, 1, 1]);
    expect(await listenerPids()).toHaveLength(1);

    await notify("rmq_test_a", "one");
    await notify("rmq_test_b", "two");
    await expect.poll(() => b.heard.payloads).toEqual(["two"]);
    expect(a1.heard.payloads).toEqual(["one"]);
    expect(a2.heard.payloads).toEqual(["one"]);

    // An unsubscribed subscriber hears nothing more; the others still do.
    a2.unsubscribe();
    await notify("rmq_test_a", "three");
    await expect.poll(() => a1.heard.payloads).toEqual(["one", "three"]);
    expect(a2.heard.payloads).toEqual(["one"]);
    for (const { unsubscribe } of [a1, b]) unsubscribe();
  });

  it("keep delivering to the others when one subscriber throws", async () => {
    const unsubscribe = subscribe("rmq_test_c", {
      notification: () => {
        throw new Error("a broken subscriber");
      },
    });
    const c = recorder("rmq_test_c");
    await expect.poll(() => c.heard.listening).toBe(1);
    await notify("rmq_test_c", "still here");
    await expect.poll(() => c.heard.payloads).toEqual(["still here"]);
    unsubscribe();
    c.unsubscribe();
  });

  it("reconnect after the server drops the connection, LISTEN again and tell subscribers to re-read", async () => {
    const a = recorder("rmq_test_a");
    const b = recorder("rmq_test_b");
    await expect.poll(() => [a.heard.listening, b.heard.listening]).toEqual([1, 1]);
    const [before] = await listenerPids();

    await notifier.query("SELECT pg_terminate_backend($1)", [before]);
    // Announced while nobody listens: lost, which is why subscribers hear `listening` again and re-read.
    await notify("rmq_test_a", "while away");
    await expect.poll(() => [a.heard.listening, b.heard.listening], { timeout: 10_000 }).toEqual([2, 2]);
    const after = await listenerPids();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);

    await notify("rmq_test_a", "back");
    await notify("rmq_test_b", "back too");
    await expect.poll(() => b.heard.payloads).toEqual(["back too"]);
    expect(a.heard.payloads.at(-1)).toBe("back");
    a.unsubscribe();
    b.unsubscribe();
  });

  it("refuse a channel name LISTEN cannot take as it is", () => {
    for (const name of ["", "Mixed", "a-b", "a; DROP TABLE x", '"quoted"'])
      expect(() => subscribe(name, { notification: () => undefined })).toThrow(/Not a channel name/);
  });
});
