import { destroySession } from "@/lib/auth";
import { route } from "@/lib/http/route";

export const POST = route({ role: "viewer" }, async () => {
  await destroySession();
  return { ok: true };
});
