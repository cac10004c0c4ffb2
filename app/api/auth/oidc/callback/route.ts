import { createSession } from "@/lib/auth";
import { CLEAR_LOGIN_COOKIE, completeLogin, OIDC_LOGIN_COOKIE } from "@/lib/auth/oidc";
import { backToSignIn, refusalKind } from "@/lib/auth/oidc-errors";
import { isSecureRequest, route } from "@/lib/http/route";

/** The identity provider sends the browser back here: signed in and on to where it started, or back to sign-in with why not. */
export const GET = route({ role: "public" }, async ({ request }) => {
  const secure = isSecureRequest(request);
  const response = await completeLogin(request.nextUrl, request.cookies.get(OIDC_LOGIN_COOKIE)?.value).then(
    async ({ user, returnTo }) => {
      await createSession(user.id, secure);
      // A relative Location: the browser resolves it against the address it used, whatever proxy is in between.
      return new Response(null, { status: 303, headers: { location: returnTo } });
    },
    (error: unknown) => {
      const kind = refusalKind(error);
      if (!kind) throw error;
      console.warn(`[sso] sign-in refused (${kind}):`, error instanceof Error && error.cause ? error.cause : "");
      return backToSignIn(kind);
    },
  );
  response.headers.append("set-cookie", CLEAR_LOGIN_COOKIE);
  return response;
});
