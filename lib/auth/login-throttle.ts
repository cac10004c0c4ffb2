import "server-only";
import { db } from "../db";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { message } from "../i18n/message";

/**
 * Sign-in throttling by exponential backoff, per key:
 *   user:<name>        attempts at one account from browsers it has not signed in from before
 *   address:<ip>       attempts from one client address, at any account (password spraying)
 *   device:<hash>      attempts from a browser that signed in as that user before (see devices.ts)
 * Each key gets a few free failures, then is blocked for 30 s, doubling with every further failure up to 15 min;
 * failures are forgotten 15 min after the last one. A known browser is throttled only by its own key, so guessing
 * an admin's password from elsewhere — the user names are no secret — never locks the admin out of their browser.
 */
const FREE_FAILURES = { user: 5, address: 20, device: 5 } as const;
const FIRST_BLOCK_S = 30;
const MAX_BLOCK_S = 15 * 60;
const FORGET_AFTER_S = 15 * 60;

export type ThrottleKind = keyof typeof FREE_FAILURES;
export interface ThrottleKey {
  kind: ThrottleKind;
  value: string;
}

const keyText = (key: ThrottleKey) => `${key.kind}:${key.value}`;

/**
 * Counts an attempt on every key before its password is checked — in one statement per key, so concurrent attempts
 * cannot all slip through between a check and a record — and refuses it (429) while any key is blocked.
 * Call `settleAttempts` afterwards: a right password takes the count back.
 */
export async function reserveAttempts(keys: ThrottleKey[]): Promise<void> {
  const reserved: ThrottleKey[] = [];
  for (const key of keys) {
    if (await reserve(key)) {
      reserved.push(key);
      continue;
    }
    await settleAttempts(reserved, true);
    throw new AppError(message("errors.auth.rateLimited", { seconds: await secondsBlocked(key) }), 429, "rate_limited");
  }
}

/** After the password check: a success clears the account's or browser's count and takes back the address's one. */
export async function settleAttempts(keys: ThrottleKey[], succeeded: boolean): Promise<void> {
  if (!succeeded) return;
  for (const key of keys) {
    if (key.kind === "address") {
      // A block set by this very attempt's count (it raced others past the threshold) goes with it.
      await db.$executeRaw`UPDATE "LoginThrottle"
        SET "failures" = GREATEST("failures" - 1, 0), "blockedUntil" = CASE WHEN "failures" - 1 >= ${FREE_FAILURES.address}::int THEN "blockedUntil" END
        WHERE "key" = ${keyText(key)}`;
    } else {
      await db.loginThrottle.deleteMany({ where: { key: keyText(key) } });
    }
  }
}

// Times are UTC `timestamp`s, as Prisma stores them, whatever the database session's time zone is. The update reads
// only the conflicting row (`lt`), which Postgres has locked: two attempts at one key are counted one after the other.
async function reserve(key: ThrottleKey): Promise<boolean> {
  const free = FREE_FAILURES[key.kind];
  const failures = Prisma.sql`(CASE WHEN lt."lastFailureAt" < EXCLUDED."lastFailureAt" - make_interval(secs => ${FORGET_AFTER_S}::int)
    THEN 1 ELSE lt."failures" + 1 END)`;
  const blockFor = (count: Prisma.Sql) =>
    Prisma.sql`CASE WHEN ${count} >= ${free}::int
      THEN EXCLUDED."lastFailureAt" + make_interval(secs => LEAST(${FIRST_BLOCK_S}::int * power(2, ${count} - ${free}::int), ${MAX_BLOCK_S}::int))
    END`;
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" AS lt ("key", "failures", "lastFailureAt", "blockedUntil")
    VALUES (${keyText(key)}, 1, (now() AT TIME ZONE 'UTC')::timestamp(3), NULL)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${failures},
      "lastFailureAt" = EXCLUDED."lastFailureAt",
      "blockedUntil" = ${blockFor(failures)}
    WHERE lt."blockedUntil" IS NULL OR lt."blockedUntil" <= EXCLUDED."lastFailureAt"
    RETURNING lt."failures"`;
  return rows.length > 0;
}

async function secondsBlocked(key: ThrottleKey): Promise<number> {
  const row = await db.loginThrottle.findUnique({ where: { key: keyText(key) } });
  return row?.blockedUntil ? Math.max(1, Math.ceil((row.blockedUntil.getTime() - Date.now()) / 1000)) : 1;
}
