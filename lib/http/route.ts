import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { bearerUser } from "../auth/api-tokens";
import { hasRole, type Role } from "../auth/roles";
import { currentUser, type SessionUser } from "../auth/session";
import { isDatabaseUnavailable } from "../db/errors";
import { AppError, refusal, refusedInput, type Said } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { message } from "../i18n/message";
import { localeFromAcceptLanguage } from "../i18n/negotiate";
import { translate } from "../i18n/translate";
import { readJsonBody } from "./body";
import { findInputProblem } from "./input";

type Schema = z.ZodType | undefined;
type RawParams = Record<string, string>;

/** 1 MiB: every form of the panel posts a few kilobytes; routes that take file contents say how much they need. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

interface RouteOptions<Body extends Schema, Params extends Schema, Query extends Schema> {
  /** "public" only for sign-in and first-run setup; everything else needs a session of at least this role. */
  role: Role | "public";
  body?: Body;
  /** The path's dynamic segments (lib/http/schema.ts has the shared ones). */
  params?: Params;
  /** The query string, as an object of its (last) values. */
  query?: Query;
  /** Largest body accepted, in bytes (413 beyond it). */
  maxBodyBytes?: number;
  /** The answer's shape, for the OpenAPI description only (never checked at run time; e2e/12-openapi checks it). */
  response?: z.ZodType;
}

interface RouteContext<Body extends Schema, Params extends Schema, Query extends Schema, Auth> {
  request: NextRequest;
  user: Auth;
  body: Body extends z.ZodType ? z.infer<Body> : undefined;
  params: Params extends z.ZodType ? z.infer<Params> : RawParams;
  query: Query extends z.ZodType ? z.infer<Query> : undefined;
}

/** A Next route handler that also carries what it declared (role and schemas), for the API's OpenAPI description. */
type Handler = ((request: NextRequest, context: { params: Promise<RawParams> }) => Promise<Response>) & {
  routeSpec: Pick<RouteOptions<Schema, Schema, Schema>, "role" | "body" | "params" | "query" | "response">;
};

/**
 * Every API route handler goes through here: API token, or same-origin check for writes and session; role check, then zod
 * validation of everything the request carries (path, query, body), and errors turned into `{ error, code,
 * fieldErrors }` JSON without stack traces, in the signed-in user's language, else the browser's.
 */
export function route<Body extends Schema = undefined, Params extends Schema = undefined, Query extends Schema = undefined>(
  options: RouteOptions<Body, Params, Query> & { role: Role },
  handler: (context: RouteContext<Body, Params, Query, SessionUser>) => Promise<unknown>,
): Handler;
export function route<Body extends Schema = undefined, Params extends Schema = undefined, Query extends Schema = undefined>(
  options: RouteOptions<Body, Params, Query> & { role: "public" },
  handler: (context: RouteContext<Body, Params, Query, SessionUser | null>) => Promise<unknown>,
): Handler;
export function route<Body extends Schema, Params extends Schema, Query extends Schema>(
  options: RouteOptions<Body, Params, Query>,
  handler: (context: RouteContext<Body, Params, Query, SessionUser>) => Promise<unknown>,
): Handler {
  type Context = RouteContext<Body, Params, Query, SessionUser>;
  const handle = async (request: NextRequest, context: { params: Promise<RawParams> }): Promise<Response> => {
    let user: SessionUser | null = null;
    try {
      user = await requestUser(request);
      if (options.role !== "public") {
        if (!user) throw new AppError(message("errors.http.unauthenticated"), 401, "unauthenticated");
        if (!hasRole(user.role, options.role))
          throw new AppError(message("errors.http.forbidden", { role: options.role, current: user.role }), 403, "forbidden");
      }
      // A % escape Next cannot decode (/api/hosts/%ff) never gets here: Next's router answers 400 itself.
      const params = validate("path", await context.params, options.params);
      const query = validate("query", firstValues(request.nextUrl.searchParams), options.query);
      const body = options.body
        ? validate("body", await readJsonBody(request, options.maxBodyBytes ?? DEFAULT_BODY_LIMIT), options.body)
        : undefined;
      const result = await handler({
        request,
        user: user as SessionUser,
        body: body as Context["body"],
        params: params as Context["params"],
        query: (options.query ? query : undefined) as Context["query"],
      });
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error, user?.locale ?? localeFromAcceptLanguage(request.headers.get("accept-language")));
    }
  };
  const { role, body, params, query, response } = options;
  return Object.assign(handle, { routeSpec: { role, body, params, query, response } });
}

/**
 * A request with `Authorization` is judged by its API token alone (a bad one is a 401, never a fall back to the
 * cookie), and needs no Origin: a script's token is not sent by a browser on its own, unlike a cookie, which
 * only counts on a same-origin write. The token is read before the cookie, so no Next request scope is needed.
 */
async function requestUser(request: NextRequest): Promise<SessionUser | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return bearerUser(authorization);
  assertSameOrigin(request);
  return currentUser();
}

/** Each query key's first value, the one `searchParams.get()` returns. */
function firstValues(searchParams: URLSearchParams): Record<string, string> {
  const first = new Map<string, string>();
  for (const [key, value] of searchParams) if (!first.has(key)) first.set(key, value);
  return Object.fromEntries(first);
}

type Where = "path" | "query" | "body";

/** Checks what no schema should have to think about (lib/http/input.ts), then the route's schema if it has one. */
function validate(where: Where, raw: unknown, schema: z.ZodType | undefined): unknown {
  const problem = findInputProblem(raw);
  if (problem) {
    const field = problem.path.map(String).join(".");
    throw new AppError(refusal(label(where, field), problem.message), 400, "invalid_input", { [field || where]: [problem.message] });
  }
  if (!schema) return raw;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw refusedInput((field) => label(where, field), schema, raw, parsed.error);
}

// "username" for a body field (as the forms show it), "URL path id" and "query parameter to" otherwise.
function label(where: Where, field: string): Said {
  if (where === "body") return field ? message("errors.input.body", { field }) : message("errors.input.wholeBody");
  if (where === "path") return field ? message("errors.input.path", { field }) : message("errors.input.wholePath");
  return field ? message("errors.input.query", { field }) : message("errors.input.wholeQuery");
}

// Writes must come from the panel's own pages. Browsers send Origin on every cross-origin request and on every
// same-origin write, so a write without one is a script or a tool, and `null` comes from sandboxed or opaque pages.
function assertSameOrigin(request: NextRequest) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const refuse = (said: Said) => new AppError(said, 403, "cross_site");
  if (request.headers.get("sec-fetch-site") === "cross-site") throw refuse(message("errors.http.crossSite.otherSite"));
  const origin = request.headers.get("origin");
  if (!origin) throw refuse(message("errors.http.crossSite.noOrigin"));
  const own = ownOrigin(request);
  let theirs: string;
  try {
    theirs = new URL(origin).origin;
  } catch {
    throw refuse(message("errors.http.crossSite.badOrigin"));
  }
  if (theirs === "null" || theirs !== own)
    throw refuse(
      own ? message("errors.http.crossSite.elsewhere", { origin, own }) : message("errors.http.crossSite.elsewhereUnknown", { origin }),
    );
}

/** scheme://host[:port] of this panel as the client addressed it, normalised like URL.origin (default ports dropped). */
export function ownOrigin(request: NextRequest): string | null {
  const host = request.headers.get("host");
  if (!host) return null;
  try {
    return new URL(`${isSecureRequest(request) ? "https" : "http"}://${host}`).origin;
  } catch {
    return null;
  }
}

export function errorResponse(error: unknown, locale: Locale = DEFAULT_LOCALE): Response {
  if (error instanceof z.ZodError) {
    return NextResponse.json({ error: error.issues.map((i) => i.message).join(" "), code: "invalid_input" }, { status: 400 });
  }
  if (error instanceof AppError) {
    const { error: text, fieldErrors } = error.in(locale);
    return NextResponse.json({ error: text, code: error.code, fieldErrors }, { status: error.status });
  }
  if (isDatabaseUnavailable(error)) {
    // The same answer scripts/serve.ts gives while its health probe finds the database away.
    return NextResponse.json(
      { error: translate(message("errors.unavailable.message"), locale), code: "database_unavailable" },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
  console.error("Unhandled error in API route:", error);
  return NextResponse.json({ error: translate(message("errors.http.internal"), locale), code: "internal" }, { status: 500 });
}

export const isSecureRequest = (request: NextRequest) =>
  (request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "")) === "https";
