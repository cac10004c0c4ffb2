import { AppError } from "../errors";
import { message } from "../i18n/message";

/**
 * Every way a single sign-on can be refused, each with its own message (sso.errors.<kind>). The callback sends the
 * browser to /login?sso_error=<kind>, so the sign-in page can say it; what exactly failed goes to the server's log.
 */
export const SSO_REFUSALS = [
  "notConfigured",
  "noLogin",
  "loginUsed",
  "loginExpired",
  "stateMismatch",
  "nonceMismatch",
  "wrongAudience",
  "wrongIssuer",
  "tokenExpired",
  "badSignature",
  "invalidToken",
  "providerError",
  "providerUnreachable",
  "noRole",
  "disabled",
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

const STATUS: Partial<Record<SsoRefusal, number>> = { notConfigured: 404, noRole: 403, disabled: 403, providerUnreachable: 502 };

export function refusal(kind: SsoRefusal, cause?: unknown): AppError {
  const error = new AppError(message(`sso.errors.${kind}`), STATUS[kind] ?? 401, `sso_${kind}`);
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** A browser's way back to the sign-in page, which says why single sign-on refused (see SSO_REFUSALS). */
export const backToSignIn = (kind: SsoRefusal) => new Response(null, { status: 303, headers: { location: `/login?sso_error=${kind}` } });

/** The refusal an error stands for, when it is one of these. */
export function refusalKind(error: unknown): SsoRefusal | null {
  if (!(error instanceof AppError) || !error.code.startsWith("sso_")) return null;
  const kind = error.code.slice("sso_".length);
  return SSO_REFUSALS.find((known) => known === kind) ?? null;
}
