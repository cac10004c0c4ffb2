import { NextResponse } from "next/server";
import { z } from "zod";
import { beginLogin, loginCookieOptions, OIDC_LOGIN_COOKIE } from "@/lib/auth/oidc";
import { backToSignIn, refusalKind } from "@/lib/auth/oidc-errors";
import { returnToSchema } from "@/lib/auth/sso-schema";
import { isSecureRequest, ownOrigin, route } from "@/lib/http/route";

/** "Sign in with …": off to the identity provider, with this browser's sign-in under way in a short-lived cookie. */
export const GET = route({ role: "public", query: z.object({ returnTo: returnToSchema.optional() }) }, async ({ request, query }) => {
  try {
    // The origin the browser used (Host), not nextUrl's, which Next rewrites from 127.0.0.1 to localhost.
    const login = await beginLogin({ origin: ownOrigin(request) ?? request.nextUrl.origin, returnTo: query.returnTo });
    const response = NextResponse.redirect(login.url, 303);
    response.cookies.set(OIDC_LOGIN_COOKIE, login.cookie, loginCookieOptions(isSecureRequest(request)));
    return response;
  } catch (error) {
    // A browser navigated here: it gets the sign-in page saying why (provider unreachable, not configured), not JSON.
    const kind = refusalKind(error);
    if (!kind) throw error;
    return backToSignIn(kind);
  }
});
