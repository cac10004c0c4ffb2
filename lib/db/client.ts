import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

// One client per process; Next's dev server re-evaluates modules, so the instance is parked on globalThis.
const globalForDb = globalThis as unknown as { rmqPanelDb?: PrismaClient };

function client(): PrismaClient {
  if (globalForDb.rmqPanelDb) return globalForDb.rmqPanelDb;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start the panel with `npm start`, which provides the database.");
  return (globalForDb.rmqPanelDb = new PrismaClient({ adapter: new PrismaPg({ connectionString }) }));
}

// Created on first use rather than at import, so `next build` can load route modules without a database.
export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = client();
    const value = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
