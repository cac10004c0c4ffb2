import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { hasRole, type Role } from "../auth/roles";
import { currentUser, type SessionUser } from "../auth/session";
import { AppError } from "../errors";

type Params = Record<string, string>;

interface RouteOptions<Body extends z.ZodType | undefined> {
  /** "public" only for sign-in and first-run setup; everything else needs a session of at least this role. */
  role: Role | "public";
  body?: Body;
}

interface RouteContext<Body extends z.ZodType | undefined, Auth> {
  request: NextRequest;
  user: Auth;
  body: Body extends z.ZodType ? z.infer<Body> : undefined;
  params: Params;
}

/**
 * Every API route handler goes through here: session and role check, same-origin check for writes,
 * zod validation of the body, and errors turned into `{ error, fieldErrors }` JSON without stack traces.
 */
export function route<Body extends z.ZodType | undefined = undefined>(
  options: RouteOptions<Body> & { role: Role },
  handler: (context: RouteContext<Body, SessionUser>) => Promise<unknown>,
): (request: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;
export function route<Body extends z.ZodType | undefined = undefined>(
  options: RouteOptions<Body> & { role: "public" },
  handler: (context: RouteContext<Body, SessionUser | null>) => Promise<unknown>,
): (request: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;
export function route<Body extends z.ZodType | undefined>(
  options: RouteOptions<Body>,
  handler: (context: RouteContext<Body, SessionUser>) => Promise<unknown>,
) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      assertSameOrigin(request);
      const user = await currentUser();
      if (options.role !== "public") {
        if (!user) throw new AppError("Sign in first.", 401, "unauthenticated");
        if (!hasRole(user.role, options.role)) throw new AppError(`This needs the ${options.role} role; you are ${user.role}.`, 403, "forbidden");
      }
      const body = options.body ? await parseBody(request, options.body) : undefined;
      const result = await handler({ request, user: user as SessionUser, body: body as RouteContext<Body, SessionUser>["body"], params: await context.params });
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

async function parseBody(request: NextRequest, schema: z.ZodType) {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new AppError("The request body must be JSON.", 400, "bad_json");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    const first = parsed.error.issues[0];
    throw new AppError(first ? `${first.path.join(".") || "input"}: ${first.message}` : "Invalid input.", 400, "invalid_input", fieldErrors);
  }
  return parsed.data;
}

// Writes must come from the panel's own pages: a cross-site form or script carries a foreign Origin.
function assertSameOrigin(request: NextRequest) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) throw new AppError("Cross-site request refused.", 403, "cross_site");
}

export function errorResponse(error: unknown): Response {
  if (error instanceof z.ZodError) {
    return NextResponse.json({ error: error.issues.map((i) => i.message).join(" "), code: "invalid_input" }, { status: 400 });
  }
  if (error instanceof AppError) {
    return NextResponse.json({ error: error.message, code: error.code, fieldErrors: error.fieldErrors }, { status: error.status });
  }
  console.error("Unhandled error in API route:", error);
  return NextResponse.json({ error: "Something went wrong on the server; the details are in the panel's log.", code: "internal" }, { status: 500 });
}

export const isSecureRequest = (request: NextRequest) =>
  (request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "")) === "https";
