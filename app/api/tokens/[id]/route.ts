import { revokeApiToken } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";

export const DELETE = route({ role: "viewer", params: idParams }, async ({ user, params }) => revokeApiToken(user, user.id, params.id));
