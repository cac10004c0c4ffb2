import { z } from "zod";

// Shapes every boundary shares: ids and numbers as they arrive in paths, queries and bodies, and free-text names.
// Pure (forms use them too): no server-only imports here.

/** PostgreSQL's int4: revision numbers, log sequence numbers. A bigger number would fail in the query, not here. */
export const INT4_MAX = 2_147_483_647;
/** PostgreSQL's int8 (BigInt ids such as topology event ids). */
export const INT8_MAX = 9_223_372_036_854_775_807n;

/** Every row id the panel hands out is a UUID (Prisma's uuid()); anything else cannot name a row. */
export const idSchema = z.guid("must be an id like 6f1c2a9e-3b0d-4c8e-9f4a-2d7e5b1c0a93");

/** `[id]` routes. */
export const idParams = z.object({ id: idSchema });

/** A revision number in a JSON body. */
export const revisionNumberSchema = z
  .number("Revision must be a number.")
  .int("Revision must be a whole number.")
  .min(1, "Revision numbers start at 1.")
  .max(INT4_MAX, `Revision numbers go up to ${INT4_MAX}.`);

/** Digits in a URL (path segment or query value) as an int4 in [min, max]; "1e3", "0x10" or " 7" are refused. */
export const int4Text = (what: string, min = 0, max = INT4_MAX) =>
  z
    .string()
    .regex(/^\d+$/, `${what} must be a whole number written in digits.`)
    .transform(Number)
    .pipe(z.number().min(min, `${what} must be at least ${min}.`).max(max, `${what} must be at most ${max}.`));

/** A revision number in a URL. */
export const revisionNumberText = int4Text("Revision", 1);

/** `[id]/revisions/[number]` routes. */
export const revisionParams = z.object({ id: idSchema, number: revisionNumberText });

/** A resume cursor over a BigInt id in a URL (`?after=`, Last-Event-ID). */
export const bigintCursorText = z
  .string()
  .regex(/^\d{1,19}$/, "The cursor must be a whole number of at most 19 digits.")
  .transform((value) => BigInt(value))
  .refine((value) => value <= INT8_MAX, `The cursor must be at most ${INT8_MAX}.`);

// Line breaks, other control characters and text-direction controls in a name could fake a line in the audit log
// or make the UI show a name in another order than it is stored (U+2028/9 are line and paragraph separators).
const UNSAFE_IN_NAMES = /[\p{Cc}\u2028\u2029\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/u;

/** True when `value` holds nothing that could spoof how a name reads. */
export const isSafeDisplayText = (value: string) => !UNSAFE_IN_NAMES.test(value);

/**
 * A free-text name people read in lists and the audit log (cluster, datacenter, credential…): trimmed, required,
 * bounded, and free of line breaks, control characters and bidirectional controls.
 */
export const displayName = (label: string, max = 100) =>
  z
    .string(`${label} must be text.`)
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(isSafeDisplayText, `${label} may not contain line breaks, control characters or text-direction controls.`);
