import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";
import { renderBody } from "./message-body";
import { exhausted, type QueueWindow, readSpan, type Stored, takeNewest } from "./message-pages";

/** Queues of messages with store times rising within each queue, as a broker writes them. */
function queues(seed: number, count: number, perQueue: number): Map<string, Stored[]> {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const all = new Map<string, Stored[]>();
  for (let q = 0; q < count; q++) {
    let at = 1_000 + Math.floor(random() * 50);
    const messages: Stored[] = [];
    for (let offset = 0; offset < perQueue; offset++) {
      at += Math.floor(random() * 20); // ties too
      messages.push({ queueOffset: offset, storeTimestamp: at });
    }
    all.set(`b/${q}`, messages);
  }
  return all;
}

/** Pages through like messages.ts does, reading each window's span from the queue. */
function pageAll(all: Map<string, Stored[]>, range: { from: number; to: number }, limit: number) {
  let windows: QueueWindow[] = [...all].map(([key, messages]) => {
    // The broker's search: the offset nearest in time (here: the first at or after, the lower bound); one wider each side.
    const first = messages.findIndex((m) => m.storeTimestamp >= range.from);
    const last = messages.findIndex((m) => m.storeTimestamp > range.to);
    return {
      key,
      start: Math.max(0, (first < 0 ? messages.length : first) - 1),
      end: Math.min(messages.length, (last < 0 ? messages.length : last) + 1),
    };
  });
  const pages: Stored[][] = [];
  while (windows.some((w) => !exhausted(w))) {
    const read = new Map(
      windows.map((w) => {
        const span = readSpan(w, limit);
        return [w.key, (all.get(w.key) ?? []).slice(span.from, span.to)] as const;
      }),
    );
    const page = takeNewest(windows, read, range, limit);
    // Only the padding below a window's first message in range can be left: such a round is empty, and the last.
    if (page.items.length === 0) expect(page.windows.every(exhausted)).toBe(true);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    pages.push(page.items.map((i) => i.message));
    windows = page.windows;
  }
  return pages;
}

describe("paging a time range newest first over several queues", () => {
  it.each([
    [1, 4, 40, 5],
    [2, 8, 13, 64],
    [3, 1, 100, 7],
    [4, 16, 3, 2],
    [5, 3, 0, 10],
  ])("seed %i: %i queues of %i messages, %i a page, gives every message in range once, newest first", (seed, count, perQueue, limit) => {
    const all = queues(seed, count, perQueue);
    const range = { from: 1_100, to: 1_400 };
    const pages = pageAll(all, range, limit);
    const flat = pages.flat();
    const expected = [...all.values()].flat().filter((m) => m.storeTimestamp >= range.from && m.storeTimestamp <= range.to);
    expect(flat).toHaveLength(expected.length);
    expect(new Set(flat).size).toBe(flat.length);
    for (let i = 1; i < flat.length; i++) expect(flat[i].storeTimestamp).toBeLessThanOrEqual(flat[i - 1].storeTimestamp);
  });
});

describe("message bodies", () => {
  it("shows JSON re-indented with the producer's own numbers, text as it is, anything else as hex", () => {
    const json = renderBody(Buffer.from('{"id":12345678901234567890,"tags":[],"note":"订单 \\"a\\"","n":{}}'), false);
    expect(json).toEqual({
      encoding: "json",
      text: '{\n  "id": 12345678901234567890,\n  "tags": [],\n  "note": "订单 \\"a\\"",\n  "n": {}\n}',
      size: 66,
      compressed: false,
      truncated: false,
    });
    expect(renderBody(Buffer.from("message 1 — 消息 ✓\nline two\t"), true)).toMatchObject({ encoding: "text", compressed: true });
    expect(renderBody(Buffer.from("42"), false).encoding).toBe("text");
    const binary = renderBody(Buffer.from([0, 1, 2, 0xff, 0x41]), false);
    expect(binary).toMatchObject({ encoding: "hex", text: "00 01 02 ff 41" });
    expect(renderBody(Buffer.from([0xe6, 0xb6]), false).encoding).toBe("hex");
  });

  it("cuts a long body without splitting a character, and says so", () => {
    const long = Buffer.from("消".repeat(100_000));
    const shown = renderBody(long, false);
    expect(shown).toMatchObject({ encoding: "text", truncated: true, size: 300_000 });
    expect(shown.text).toBe("消".repeat(87_381));
  });
});

describe("cursors", () => {
  it("come back as they went out, and refuse anything else or another range", () => {
    const cursor = { from: 1, to: 2, windows: [{ brokerName: "broker-a", queueId: 0, start: 0, end: 7 }] };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, {})).toEqual(cursor);
    expect(decodeCursor(text, { from: 1, to: 2 })).toEqual(cursor);
    expect(() => decodeCursor(text, { from: 5 })).toThrow(/another query/);
    expect(() => decodeCursor("bm9wZQ", {})).toThrow(/another query/);
    expect(() => decodeCursor(encodeCursor({ ...cursor, windows: [{ brokerName: "b", queueId: 0, start: -1, end: 2 }] }), {})).toThrow(
      /another query/,
    );
  });
});
