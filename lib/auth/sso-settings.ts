import "server-only";
import { type Actor, recordAudit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { message } from "../i18n/message";
import { ssoConfig, ssoProviderName } from "./oidc-config";
import type { SignInSettingsInput } from "./sso-schema";

const SETTINGS_ID = 1;

export interface SignInSettings {
  localSignInOff: boolean;
  /** Who may still sign in with a password when local sign-in is off. */
  breakGlassUsername: string | null;
  /** True when RMQ_PANEL_BREAK_GLASS_ADMIN names the break-glass admin: the settings page cannot change it. */
  breakGlassFromEnv: boolean;
}

export async function signInSettings(): Promise<SignInSettings> {
  const row = await db.signInSettings.findUnique({ where: { id: SETTINGS_ID } });
  const fromEnv = process.env.RMQ_PANEL_BREAK_GLASS_ADMIN?.trim() || null;
  return {
    localSignInOff: row?.localSignInOff ?? false,
    breakGlassUsername: fromEnv ?? row?.breakGlassUsername ?? null,
    breakGlassFromEnv: fromEnv !== null,
  };
}

/**
 * Enforced here, in the password route, not only by hiding the form: with local sign-in off, a password is checked
 * only for the break-glass admin, and everyone else is told to use single sign-on before any password is looked at.
 * Should single sign-on be unconfigured later, passwords work again: nobody can be locked out by the switch.
 */
export async function assertPasswordSignInAllowed(username: string): Promise<void> {
  const settings = await signInSettings();
  if (settings.localSignInOff && username !== settings.breakGlassUsername && ssoProviderName() !== null)
    throw new AppError(message("sso.errors.localSignInOff"), 403, "local_sign_in_off");
}

/**
 * Turning local sign-in off needs single sign-on configured and a break-glass admin who can still get in with a
 * password (a local admin, not disabled), so the panel can never lock every admin out.
 */
export async function updateSignInSettings(actor: Actor, input: SignInSettingsInput): Promise<SignInSettings> {
  const before = await signInSettings();
  const breakGlassUsername = before.breakGlassFromEnv ? before.breakGlassUsername : input.breakGlassUsername || null;
  if (input.localSignInOff) {
    if (!ssoConfig()) throw new AppError(message("sso.errors.offWithoutSso"), 409, "sso_not_configured");
    if (!breakGlassUsername) throw new AppError(message("sso.errors.breakGlassMissing"), 400, "break_glass_missing");
    const admin = await db.user.findUnique({ where: { username: breakGlassUsername } });
    if (admin?.role !== "admin" || admin.disabledAt || admin.oidcIssuer)
      throw new AppError(message("sso.errors.breakGlassNotLocalAdmin", { username: breakGlassUsername }), 400, "break_glass_not_admin");
  }
  await db.$transaction(async (tx) => {
    const data = { localSignInOff: input.localSignInOff, breakGlassUsername: before.breakGlassFromEnv ? null : breakGlassUsername };
    await tx.signInSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
    await recordAudit(tx, actor, {
      action: "settings.sign_in",
      targetType: "settings",
      targetName: "sign-in",
      before: { localSignInOff: before.localSignInOff, breakGlassUsername: before.breakGlassUsername },
      after: { localSignInOff: input.localSignInOff, breakGlassUsername },
    });
  });
  return signInSettings();
}

/** The admins who could be the break-glass admin: local (not from the provider) and not disabled. */
export async function localAdmins(): Promise<string[]> {
  const admins = await db.user.findMany({
    where: { role: "admin", disabledAt: null, oidcIssuer: null },
    orderBy: { username: "asc" },
    select: { username: true },
  });
  return admins.map((admin) => admin.username);
}
