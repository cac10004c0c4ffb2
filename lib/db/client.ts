import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { tagDatabaseUnavailable } from "./errors";
import { PrismaClient } from "./generated/client";
import { retryTransactionTimeout } from "./transaction";

// One client per process; Next's dev server re-evaluates modules, so the instance is parked on globalThis.
const globalForDb = globalThis as unknown as { rmqPanelDb?: PrismaClient };

function client(): PrismaClient {
  if (globalForDb.rmqPanelDb) return globalForDb.rmqPanelDb;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start the panel with `npm start`, which provides the database.");
  return (globalForDb.rmqPanelDb = createClient(connectionString));
}

export function createClient(connectionString: string): PrismaClient {
  // Give up connecting after a few seconds: a database that is away should answer 503 soon, not hang requests.
  const adapter = new PrismaPg({ connectionString, connectionTimeoutMillis: 5_000 });
  const base = new PrismaClient({ adapter });
  // Every query's "database unavailable" error carries a digest the error boundaries recognise (see errors.ts).
  // The extended client has the same runtime shape; its type only differs in generics nobody here relies on.
  return base.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw tagDatabaseUnavailable(error);
        }
      },
    },
  }) as unknown as PrismaClient;
}

// Created on first use rather than at import, so `next build` can load route modules without a database.
// Interactive transactions (`db.$transaction(async (tx) => …)`) are retried once on Prisma's timeout (P2028).
export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = client();
    if (property === "$transaction") return transactionWithRetry(target);
    const value = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

function transactionWithRetry(target: PrismaClient): PrismaClient["$transaction"] {
  const transaction = target.$transaction.bind(target) as (...args: unknown[]) => Promise<unknown>;
  return ((input: unknown, options?: unknown) =>
    // A batch (an array of queries) is a single round trip with no callback to re-run; only callbacks retry.
    typeof input === "function"
      ? retryTransactionTimeout(() => transaction(input, options))
      : transaction(input, options)) as PrismaClient["$transaction"];
}
