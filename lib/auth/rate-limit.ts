import "server-only";
import { AppError } from "../errors";
import { db } from "../db";

const WINDOW_MS = 15 * 60 * 1000;
// Per username: slows guessing one account; per address: slows spraying many accounts from one place.
const MAX_FAILURES_PER_USERNAME = 5;
const MAX_FAILURES_PER_IP = 20;

export async function assertLoginAllowed(username: string, ip: string) {
  const since = new Date(Date.now() - WINDOW_MS);
  const [byUser, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { username, success: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  if (byUser >= MAX_FAILURES_PER_USERNAME || byIp >= MAX_FAILURES_PER_IP) {
    throw new AppError(`Too many failed sign-in attempts. Wait ${WINDOW_MS / 60000} minutes and try again.`, 429, "rate_limited");
  }
}

export async function recordLoginAttempt(username: string, ip: string, success: boolean) {
  await db.loginAttempt.create({ data: { username, ip, success } });
  if (success) await db.loginAttempt.deleteMany({ where: { username, success: false } });
}
