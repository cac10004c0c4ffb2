import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createClient } from "./client";
import { DATABASE_UNAVAILABLE_DIGEST, isDatabaseUnavailable } from "./errors";

describe("isDatabaseUnavailable, on the errors Prisma really throws", () => {
  it("recognises a server that refuses connections, and tags the error for the error boundaries", async () => {
    const client = createClient("postgresql://nobody:x@127.0.0.1:1/none");
    const error = await client.user.count().catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect((error as { digest?: string }).digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
    await client.$disconnect();
  });

  it("recognises a connection the server terminated (as when PostgreSQL is killed or restarted)", async () => {
    const url = inject("databaseUrl");
    const client = createClient(url);
    // Terminates only this client's query, found by a marker: other test files share the database.
    const running = client.$queryRawUnsafe("SELECT pg_sleep(5) /* rmq-errors-test */").catch((e: unknown) => e);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (let killed = 0; killed === 0; await new Promise((r) => setTimeout(r, 50))) {
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%rmq-errors-test */' AND pid <> pg_backend_pid()",
      );
      killed = rowCount ?? 0;
    }
    await admin.end();
    const error = await running;
    expect(isDatabaseUnavailable(error)).toBe(true);
    // …and the pool recovers by itself on the next query.
    expect(typeof (await client.user.count())).toBe("number");
    await client.$disconnect();
  });

  it("does not take a bad query for an outage", async () => {
    const client = createClient(inject("databaseUrl"));
    const error = await client.$queryRawUnsafe('SELECT no_such_column FROM "User"').catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect((error as { digest?: string }).digest).toBeUndefined();
    expect(isDatabaseUnavailable(new Error("Unique constraint failed"))).toBe(false);
    await client.$disconnect();
  });
});
