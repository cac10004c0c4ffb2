import "server-only";
import * as oidc from "openid-client";
import { db } from "../db";
import { AppError } from "../errors";
import { ssoConfig, type SsoConfig } from "./oidc-config";
import { refusal, type SsoRefusal } from "./oidc-errors";
import { signInFromProvider } from "./oidc-users";
import type { SessionUser } from "./session";
import { hashToken, newToken } from "./tokens";

/** The cookie that ties a sign-in under way to this browser; only the callback route reads it. */
export const OIDC_LOGIN_COOKIE = "rmq_oidc_login";
export const OIDC_COOKIE_PATH = "/api/auth/oidc";
// Long enough to type a password and answer a second factor at the provider, short enough that a lost link dies.
const LOGIN_TTL_MS = 10 * 60 * 1000;
// The provider's metadata and keys change rarely; openid-client re-fetches the key set itself on an unknown key id.
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const PROVIDER_TIMEOUT_S = 10;

export function requireSsoConfig(): SsoConfig {
  const config = ssoConfig();
  if (!config) throw refusal("notConfigured");
  return config;
}

let discovered: { key: string; at: number; configuration: Promise<oidc.Configuration> } | undefined;

/** The provider's metadata (discovery), cached per issuer and client; a failed discovery is tried again next time. */
function providerConfiguration(config: SsoConfig): Promise<oidc.Configuration> {
  const key = JSON.stringify([config.issuer, config.clientId, config.clientSecret]);
  if (!discovered || discovered.key !== key || Date.now() - discovered.at > DISCOVERY_TTL_MS) {
    const configuration = discover(config);
    discovered = { key, at: Date.now(), configuration };
    configuration.catch(() => {
      if (discovered?.configuration === configuration) discovered = undefined;
    });
  }
  return discovered.configuration;
}

async function discover(config: SsoConfig): Promise<oidc.Configuration> {
  const issuer = new URL(config.issuer);
  const auth = config.clientSecret ? oidc.ClientSecretBasic(config.clientSecret) : oidc.None();
  try {
    const configuration = await oidc.discovery(issuer, config.clientId, undefined, auth, {
      // Plain HTTP only to a provider on this machine (a test's, a developer's); anything else must be HTTPS.
      execute: issuer.protocol === "http:" && isLoopback(issuer.hostname) ? [oidc.allowInsecureRequests] : [],
      timeout: PROVIDER_TIMEOUT_S,
    });
    // openid-client trusts an ID token from the token endpoint on TLS alone (OpenID Connect Core 3.1.3.7 allows
    // it); this also checks its signature against the provider's published keys, so a proxy cannot forge one.
    oidc.enableNonRepudiationChecks(configuration);
    return configuration;
  } catch (error) {
    throw refusal("providerUnreachable", error);
  }
}

const isLoopback = (host: string) => host === "localhost" || host === "[::1]" || /^127\./.test(host);

/** The sign-in cookie: httpOnly, only sent to the callback, and Lax, since the provider's redirect back is a top-level GET from another site. */
export const loginCookieOptions = (secure: boolean) =>
  ({ httpOnly: true, sameSite: "lax", secure, path: OIDC_COOKIE_PATH, maxAge: LOGIN_TTL_MS / 1000 }) as const;

/** Ends the sign-in cookie once the callback has used it. */
export const CLEAR_LOGIN_COOKIE = `${OIDC_LOGIN_COOKIE}=; Path=${OIDC_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax`;

export interface LoginStart {
  /** The provider's authorization URL, where the browser goes next. */
  url: string;
  /** The value of OIDC_LOGIN_COOKIE for this browser. */
  cookie: string;
}

/**
 * Starts an authorization code flow with PKCE: a fresh state, nonce and verifier, stored under the hash of a random
 * cookie value so the callback can check them once. `origin` is the panel's as the browser reached it.
 */
export async function beginLogin({ origin, returnTo = "/" }: { origin: string; returnTo?: string }): Promise<LoginStart> {
  const config = requireSsoConfig();
  const configuration = await providerConfiguration(config);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const redirectUri = config.redirectUri ?? new URL("/api/auth/oidc/callback", origin).href;
  const cookie = newToken();
  await db.oidcLogin.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.oidcLogin.create({
    data: { id: hashToken(cookie), state, nonce, codeVerifier, redirectUri, returnTo, expiresAt: new Date(Date.now() + LOGIN_TTL_MS) },
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: config.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, cookie };
}

/**
 * The provider sent the browser back: the sign-in under way is used up (once), the code exchanged with its PKCE
 * verifier, and the ID token's signature, issuer, audience, expiry and nonce verified by openid-client. Then the
 * user is found or created by issuer + subject and given the role their groups grant now.
 */
export async function completeLogin(
  callbackUrl: URL | string,
  cookie: string | undefined,
): Promise<{ user: SessionUser; returnTo: string }> {
  const config = requireSsoConfig();
  if (!cookie) throw refusal("noLogin");
  const login = await takeLogin(cookie);
  const configuration = await providerConfiguration(config);
  // The address the provider redirected to, as registered, whatever host or proxy the request came through.
  const redirected = new URL(login.redirectUri);
  redirected.search = new URL(callbackUrl).search;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(configuration, redirected, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw classify(error);
  }
  const claims = tokens.claims();
  if (!claims) throw refusal("invalidToken", new Error("The token response has no ID token."));
  // Providers put scope-requested claims (name, email, groups) in the userinfo answer, often only there (OpenID
  // Connect's default when an access token is issued); the ID token's verified claims win where both have one.
  let profile: Record<string, unknown> = claims;
  if (configuration.serverMetadata().userinfo_endpoint) {
    try {
      profile = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)), ...claims };
    } catch (error) {
      throw classify(error);
    }
  }
  const user = await signInFromProvider(config, { iss: claims.iss, sub: claims.sub, profile });
  return { user, returnTo: login.returnTo };
}

/** Uses up the sign-in this cookie started: a second callback with it (a replay) finds nothing. */
async function takeLogin(cookie: string) {
  const id = hashToken(cookie);
  const login = await db.oidcLogin.findUnique({ where: { id } });
  // Only the request that deletes the row goes on, so two callbacks racing with one cookie cannot both sign in.
  if (!login || (await db.oidcLogin.deleteMany({ where: { id } })).count === 0) throw refusal("loginUsed");
  if (login.expiresAt.getTime() < Date.now()) throw refusal("loginExpired");
  return login;
}

/**
 * Where to send the browser after signing out of the panel: the provider's end_session_endpoint for a user who
 * signed in through it (RP-initiated logout), then back to the panel's sign-in page; null for everyone else.
 */
export async function providerSignOutUrl(userId: string, origin: string): Promise<string | null> {
  const config = ssoConfig();
  if (!config) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { oidcIssuer: true } });
  if (user?.oidcIssuer !== config.issuer) return null;
  const configuration = await providerConfiguration(config).catch(() => null);
  if (!configuration?.serverMetadata().end_session_endpoint) return null;
  const panel = config.redirectUri ? new URL(config.redirectUri).origin : origin;
  return oidc.buildEndSessionUrl(configuration, { client_id: config.clientId, post_logout_redirect_uri: new URL("/login", panel).href })
    .href;
}

/** openid-client's error, as what went wrong for the operator: each check that failed has its own message. */
function classify(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) return refusal("providerError", error);
  const cause = error instanceof Error ? error.cause : undefined;
  const detail = cause instanceof Error ? cause : error instanceof Error ? error : undefined;
  const claim = detail?.cause && typeof detail.cause === "object" && "claim" in detail.cause ? detail.cause.claim : undefined;
  const text = detail?.message ?? "";
  const kinds: [boolean, SsoRefusal][] = [
    [/"state"/.test(text), "stateMismatch"],
    [claim === "nonce", "nonceMismatch"],
    [claim === "aud" || claim === "azp", "wrongAudience"],
    [claim === "iss", "wrongIssuer"],
    [claim === "exp", "tokenExpired"],
    [/signature|key selection|KEY_SELECTION/i.test(text) || hasCode(detail, "OAUTH_KEY_SELECTION_FAILED"), "badSignature"],
  ];
  const kind = kinds.find(([matches]) => matches)?.[1];
  if (kind) return refusal(kind, error);
  if (error instanceof TypeError && /fetch failed/.test(error.message)) return refusal("providerUnreachable", error);
  return refusal("invalidToken", error);
}

const hasCode = (error: Error | undefined, code: string) => !!error && "code" in error && error.code === code;
