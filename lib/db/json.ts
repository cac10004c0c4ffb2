import type { Prisma } from "./generated/client";

/**
 * A value as a JSON column stores it: what JSON.stringify keeps (undefined fields and functions dropped, dates as
 * strings). Typed interfaces are not Prisma's index-signature JSON types, so every JSON write goes through here.
 */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
