import { NextResponse } from "next/server";
import { z } from "zod";
import { beginLogin, OIDC_COOKIE_PATH, OIDC_LOGIN_COOKIE } from "@/lib/auth/oidc";
import { returnToSchema } from "@/lib/auth/sso-schema";
import { isSecureRequest, route } from "@/lib/http/route";

/** "Sign in with …": off to the identity provider, with this browser's sign-in under way in a short-lived cookie. */
export const GET = route({ role: "public", query: z.object({ returnTo: returnToSchema.optional() }) }, async ({ request, query }) => {
  const login = await beginLogin({ origin: request.nextUrl.origin, returnTo: query.returnTo });
  const response = NextResponse.redirect(login.url, 303);
  response.cookies.set(OIDC_LOGIN_COOKIE, login.cookie, {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET from another site, which Lax cookies go with.
    sameSite: "lax",
    secure: isSecureRequest(request),
    path: OIDC_COOKIE_PATH,
    maxAge: login.cookieMaxAgeSeconds,
  });
  return response;
});
