import { createSession } from "@/lib/auth";
import { completeLogin, OIDC_COOKIE_PATH, OIDC_LOGIN_COOKIE } from "@/lib/auth/oidc";
import { refusalKind } from "@/lib/auth/oidc-errors";
import { isSecureRequest, route } from "@/lib/http/route";

/** The identity provider sends the browser back here: signed in and on to where it started, or back to sign-in with why not. */
export const GET = route({ role: "public" }, async ({ request }) => {
  let location: string;
  try {
    const { user, returnTo } = await completeLogin(request.nextUrl, request.cookies.get(OIDC_LOGIN_COOKIE)?.value);
    await createSession(user.id, isSecureRequest(request));
    location = returnTo;
  } catch (error) {
    const kind = refusalKind(error);
    if (!kind) throw error;
    console.warn(`[sso] sign-in refused (${kind}):`, error instanceof Error && error.cause ? error.cause : "");
    location = `/login?sso_error=${kind}`;
  }
  // A relative Location: the browser resolves it against the address it used, whatever proxy is in between.
  const response = new Response(null, { status: 303, headers: { location } });
  response.headers.append("set-cookie", `${OIDC_LOGIN_COOKIE}=; Path=${OIDC_COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax`);
  return response;
});
