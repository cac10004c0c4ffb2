import { createFirstAdmin, createSession } from "@/lib/auth";
import { setupSchema } from "@/lib/auth/schema";
import { isSecureRequest, route } from "@/lib/http/route";

export const POST = route({ role: "public", body: setupSchema }, async ({ request, body }) => {
  const user = await createFirstAdmin(body);
  await createSession(user.id, isSecureRequest(request));
  return { user };
});
