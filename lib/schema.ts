import { z } from "zod";
import type { Messages } from "./i18n/catalog";
import { message } from "./i18n/message";
import { says } from "./i18n/schema";

// Shapes every boundary shares: ids and numbers as they arrive in paths, queries and bodies, and free-text names.
// Pure (forms use them too): no server-only imports here.

/** PostgreSQL's int4: revision numbers, log sequence numbers. A bigger number would fail in the query, not here. */
export const INT4_MAX = 2_147_483_647;
/** PostgreSQL's int8 (BigInt ids such as topology event ids). */
export const INT8_MAX = 9_223_372_036_854_775_807n;

/** Every row id the panel hands out is a UUID (Prisma's uuid()); anything else cannot name a row. */
export const idSchema = z.guid(says("validation.id"));

/** `[id]` routes. */
export const idParams = z.object({ id: idSchema });

/** A revision number in a JSON body. */
export const revisionNumberSchema = z
  .number(says("validation.revisionNumber.notANumber"))
  .int(says("validation.revisionNumber.notWhole"))
  .min(1, says("validation.revisionNumber.tooSmall"))
  .max(INT4_MAX, says("validation.revisionNumber.tooLarge", { max: INT4_MAX }));

/** What a message says a number or a name is about: "Revision must be at least 1", "Name is required". */
type Subject = keyof Messages["validation"]["subjects"];
const subject = (what: Subject) => message(`validation.subjects.${what}`);

/** Digits in a URL (path segment or query value) as an int4 in [min, max]; "1e3", "0x10" or " 7" are refused. */
export const int4Text = (what: Subject, min = 0, max = INT4_MAX) =>
  z
    .string()
    .regex(/^\d+$/, says("validation.digits.notDigits", { what: subject(what) }))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, says("validation.digits.tooSmall", { what: subject(what), min }))
        .max(max, says("validation.digits.tooLarge", { what: subject(what), max })),
    );

/** A revision number in a URL. */
export const revisionNumberText = int4Text("revision", 1);

/** `[id]/revisions/[number]` routes. */
export const revisionParams = z.object({ id: idSchema, number: revisionNumberText });

/** A resume cursor over a BigInt id in a URL (`?after=`, Last-Event-ID). */
export const bigintCursorText = z
  .string()
  .regex(/^\d{1,19}$/, says("validation.cursor.notDigits"))
  .transform((value) => BigInt(value))
  .refine((value) => value <= INT8_MAX, says("validation.cursor.tooLarge", { max: String(INT8_MAX) }));

// Line breaks, other control characters and text-direction controls in a name could fake a line in the audit log
// or make the UI show a name in another order than it is stored (U+2028/9 are line and paragraph separators).
const UNSAFE_IN_NAMES = /[\p{Cc}\u2028\u2029\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/u;

/** True when `value` holds nothing that could spoof how a name reads. */
export const isSafeDisplayText = (value: string) => !UNSAFE_IN_NAMES.test(value);

/**
 * A free-text name people read in lists and the audit log (cluster, datacenter, credential…): trimmed, required,
 * bounded, and free of line breaks, control characters and bidirectional controls.
 */
export const displayName = (what: Subject, max = 100) =>
  z
    .string(says("validation.displayName.notText", { label: subject(what) }))
    .trim()
    .min(1, says("validation.displayName.required", { label: subject(what) }))
    .max(max, says("validation.displayName.tooLong", { label: subject(what), max }))
    .refine(isSafeDisplayText, says("validation.displayName.unsafe", { label: subject(what) }));
