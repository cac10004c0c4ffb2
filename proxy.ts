import { NextResponse, type NextRequest } from "next/server";

// Only routes that must work without a session. Everything else, including routes added later, is closed by default.
const PUBLIC_PATHS = new Set(["/login", "/setup", "/api/auth/login", "/api/auth/setup", "/api/auth/oidc/login", "/api/auth/oidc/callback"]);

/**
 * The page policy. Next puts the nonce on its own scripts (it reads it from this header on the request), and
 * 'strict-dynamic' lets those load the chunks they need. Style attributes stay allowed: React Flow positions every
 * node and edge with inline `style` (server-rendered too), and other components set widths that way; <style> and
 * stylesheets still need the nonce or this origin. Development adds what Next's dev server needs: eval for React's
 * debug stacks and inline <style> for hot reload.
 */
function pagePolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// API responses are data, never a document to run anything in.
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A path Next would fail to decode with a 500 (a bad %-escape in a page's or route's segment). A malformed
 * Next-Router-State-Tree header is refused earlier, by the panel's server (scripts/serve.ts): Next strips flight
 * headers before this proxy runs.
 */
function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * Every request but static files passes here: malformed requests are refused with a clear 400, each response gets its
 * Content-Security-Policy (a fresh nonce per page request), and a request without a session cookie goes to sign-in.
 * The session check is only optimistic: the real one (session in Postgres, role) runs in every page (requireUser)
 * and route handler (route()). The other security headers are set for every path in next.config.js.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = isApi ? API_POLICY : pagePolicy(nonce, process.env.NODE_ENV === "development");
  const withPolicy = (response: NextResponse) => {
    response.headers.set("content-security-policy", policy);
    return response;
  };

  if (malformedPath(pathname)) {
    const problem = "The address contains a malformed %-escape.";
    return withPolicy(
      isApi
        ? NextResponse.json({ error: problem, code: "bad_request" }, { status: 400 })
        : new NextResponse(problem, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } }),
    );
  }
  // A script's API request carries an API token instead (Authorization: Bearer), which route() judges.
  const credentials = request.cookies.has("rmq_session") || (isApi && request.headers.has("authorization"));
  if (!PUBLIC_PATHS.has(pathname) && !credentials) {
    if (isApi) return withPolicy(NextResponse.json({ error: "Sign in first.", code: "unauthenticated" }, { status: 401 }));
    return withPolicy(NextResponse.redirect(new URL("/login", request.url)));
  }
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  return withPolicy(NextResponse.next({ request: { headers } }));
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
