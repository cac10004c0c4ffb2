import { destroySession } from "@/lib/auth";
import { providerSignOutUrl } from "@/lib/auth/oidc";
import { ownOrigin, route } from "@/lib/http/route";

export const POST = route({ role: "viewer" }, async ({ request, user }) => {
  // A user who came through single sign-on signs out at the identity provider too, when it offers that.
  const redirectTo = await providerSignOutUrl(user.id, ownOrigin(request) ?? request.nextUrl.origin);
  await destroySession();
  return { ok: true, redirectTo };
});
