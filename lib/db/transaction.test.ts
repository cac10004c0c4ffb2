import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { db } from "./client";

// Prisma's own timeout (P2028) is provoked for real: the callback outlives the transaction's `timeout`.
describe("interactive transactions that hit Prisma's timeout", () => {
  it("are run once more, and the second run's result is returned", async () => {
    let runs = 0;
    const result = await db.$transaction(
      async (tx) => {
        runs++;
        if (runs === 1) await tx.$executeRawUnsafe("SELECT pg_sleep(0.3)");
        return tx.user.count();
      },
      { timeout: 150 },
    );
    expect(runs).toBe(2);
    expect(typeof result).toBe("number");
  });

  it("become a 503 'busy' when the retry times out too, with nothing committed", async () => {
    let runs = 0;
    const name = `tx-timeout-${Date.now()}`;
    const failure = await db
      .$transaction(
        async (tx) => {
          runs++;
          await tx.datacenter.create({ data: { code: `${name}-${runs}`.slice(0, 40), name } });
          await tx.$executeRawUnsafe("SELECT pg_sleep(0.3)");
        },
        { timeout: 150 },
      )
      .catch((error: unknown) => error);
    expect(runs).toBe(2);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ status: 503, code: "busy" });
    expect(await db.datacenter.count({ where: { name } })).toBe(0);
  });

  it("leave other errors and batch transactions alone", async () => {
    let runs = 0;
    await expect(
      db.$transaction(async () => {
        runs++;
        throw new Error("not a timeout");
      }),
    ).rejects.toThrow("not a timeout");
    expect(runs).toBe(1);
    const [one] = await db.$transaction([db.$queryRawUnsafe<{ n: number }[]>("SELECT 1 AS n")]);
    expect(one).toEqual([{ n: 1 }]);
  });
});
