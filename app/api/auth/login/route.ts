import { authenticate, createSession } from "@/lib/auth";
import { loginSchema } from "@/lib/auth/schema";
import { clientAddress } from "@/lib/http/client-address";
import { isSecureRequest, route } from "@/lib/http/route";

export const POST = route({ role: "public", body: loginSchema }, async ({ request, body }) => {
  const user = await authenticate(body, clientAddress(request));
  await createSession(user.id, isSecureRequest(request));
  return { user };
});
