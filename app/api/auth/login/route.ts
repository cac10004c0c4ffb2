import { authenticate, createSession, DEVICE_COOKIE, rememberDevice } from "@/lib/auth";
import { loginSchema } from "@/lib/auth/schema";
import { assertPasswordSignInAllowed } from "@/lib/auth/sso-settings";
import { clientAddress } from "@/lib/http/client-address";
import { isSecureRequest, route } from "@/lib/http/route";

export const POST = route({ role: "public", body: loginSchema }, async ({ request, body }) => {
  await assertPasswordSignInAllowed(body.username);
  const { user, deviceHash } = await authenticate(body, clientAddress(request), request.cookies.get(DEVICE_COOKIE)?.value);
  await createSession(user.id, isSecureRequest(request));
  await rememberDevice(user.id, deviceHash, isSecureRequest(request));
  return { user };
});
