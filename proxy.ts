import { NextResponse, type NextRequest } from "next/server";

// Only routes that must work without a session. Everything else, including routes added later, is closed by default.
const PUBLIC_PATHS = new Set(["/login", "/setup", "/api/auth/login", "/api/auth/setup"]);

/**
 * An optimistic first gate: no session cookie, no access. The real check (session in Postgres, role)
 * runs in every page (requireUser) and route handler (route()).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PUBLIC_PATHS.has(pathname) || request.cookies.has("rmq_session")) return NextResponse.next();
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in first.", code: "unauthenticated" }, { status: 401 });
  return NextResponse.redirect(new URL("/login", request.url));
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
