import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { trustHostKey } from "@/lib/inventory/connection";
import { trustHostKeySchema } from "@/lib/inventory/schema";

export const POST = route({ role: "operator", params: idParams, body: trustHostKeySchema }, async ({ user, body, params }) =>
  trustHostKey(user, params.id, body.fingerprint),
);
