import { inject } from "vitest";
import { createMigratedDatabase } from "./global-setup";

/**
 * Points this test file's `db` at a database of its own, for tests that assert on whole tables
 * (e.g. "exactly one admin") and so must not see rows other files write. Call before the first query.
 */
export async function useFreshDatabase(prefix: string): Promise<string> {
  const url = await createMigratedDatabase(inject("pgAdminUrl"), prefix);
  process.env.DATABASE_URL = url;
  return url;
}
