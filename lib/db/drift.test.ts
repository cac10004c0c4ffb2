import { expect, inject, it } from "vitest";
import { shapeFromDatabase, shapeFromPrismaSchema } from "../testing/schema-shape";

it("the migrated database matches schema.prisma exactly (a schema change without its migration fails here)", async () => {
  const expected = await shapeFromPrismaSchema("prisma/schema.prisma");
  const actual = await shapeFromDatabase(inject("databaseUrl"));
  expect(Object.keys(expected.tables).length).toBeGreaterThan(0);
  expect(actual).toEqual(expected);
});
