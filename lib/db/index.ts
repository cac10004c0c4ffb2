export { db } from "./client";
export type { Prisma } from "./generated/client";
