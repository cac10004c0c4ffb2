import { z } from "zod";
import { AppError } from "../errors";
import { message } from "../i18n/message";

/**
 * Where a topic-and-time query continues: its range, and per queue the window of offsets still to read (pages go
 * newest first, so a window shrinks from its end). Opaque to the browser: base64url JSON, checked like any other
 * input when it comes back. Pure.
 */

const offset = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const queueWindow = z.tuple([z.number().int().min(0).max(65_535), offset, offset]);

/** Compact, as it travels in a URL: [brokerName, [[queueId, start, end], …]] per broker group, exhausted windows left out. */
const cursorSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  windows: z.array(z.tuple([z.string().min(1).max(255), z.array(queueWindow).max(4096)])).max(1000),
});

export interface CursorWindow {
  brokerName: string;
  queueId: number;
  start: number;
  end: number;
}

export interface MessageCursor {
  from: number;
  to: number;
  windows: CursorWindow[];
}

export function encodeCursor(cursor: MessageCursor): string {
  const byBroker = new Map<string, [number, number, number][]>();
  for (const w of cursor.windows) byBroker.set(w.brokerName, [...(byBroker.get(w.brokerName) ?? []), [w.queueId, w.start, w.end]]);
  const compact: z.input<typeof cursorSchema> = { from: cursor.from, to: cursor.to, windows: [...byBroker] };
  return Buffer.from(JSON.stringify(compact), "utf8").toString("base64url");
}

/** The cursor, or a 400 for one the panel did not hand out for this range. */
export function decodeCursor(text: string, range: { from?: number; to?: number }): MessageCursor {
  let raw: unknown = null;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    // Falls through to the refusal below.
  }
  const parsed = cursorSchema.safeParse(raw);
  const cursor = parsed.success ? parsed.data : null;
  if (!cursor || (range.from !== undefined && range.from !== cursor.from) || (range.to !== undefined && range.to !== cursor.to)) {
    const said = message("errors.console.messages.cursor");
    throw new AppError(said, 400, "invalid_cursor", { cursor: [said] });
  }
  return {
    from: cursor.from,
    to: cursor.to,
    windows: cursor.windows.flatMap(([brokerName, queues]) => queues.map(([queueId, start, end]) => ({ brokerName, queueId, start, end }))),
  };
}
