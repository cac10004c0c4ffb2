import "server-only";
import { db } from "../db";
import type { PreferencesInput } from "./schema";

/** A user's own settings. Not audited: they change nothing anyone else sees. */
export async function updatePreferences(userId: string, input: PreferencesInput): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale: input.locale } });
}
