import "server-only";
import { cookies } from "next/headers";
import { db } from "../db";
import { hashToken, newToken } from "./tokens";

/**
 * "This browser has signed in as this user before": a random cookie set at each successful sign-in, scoped to the
 * sign-in routes, whose hash is stored with its user. Sign-in attempts that carry it are throttled on their own.
 */
export const DEVICE_COOKIE = "rmq_device";
const DEVICE_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

/** The device cookie's hash when it belongs to `userId` (and is not too old), else null. */
export async function trustedDeviceHash(userId: string | undefined, token: string | undefined): Promise<string | null> {
  if (!userId || !token) return null;
  const device = await db.trustedDevice.findUnique({ where: { tokenHash: hashToken(token) } });
  const fresh = device && Date.now() - device.lastUsedAt.getTime() < DEVICE_LIFETIME_MS;
  return fresh && device.userId === userId ? device.tokenHash : null;
}

/** After a successful sign-in: keep this browser known (a new cookie unless it already has this user's). */
export async function rememberDevice(userId: string, knownHash: string | null, secure: boolean): Promise<void> {
  if (knownHash) {
    await db.trustedDevice.update({ where: { tokenHash: knownHash }, data: { lastUsedAt: new Date() } });
    return;
  }
  const token = newToken();
  await db.trustedDevice.deleteMany({ where: { userId, lastUsedAt: { lt: new Date(Date.now() - DEVICE_LIFETIME_MS) } } });
  await db.trustedDevice.create({ data: { tokenHash: hashToken(token), userId } });
  (await cookies()).set(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/api/auth",
    maxAge: DEVICE_LIFETIME_MS / 1000,
  });
}
