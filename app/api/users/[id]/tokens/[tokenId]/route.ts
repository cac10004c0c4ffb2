import { revokeApiToken } from "@/lib/auth/api-tokens";
import { userTokenParams } from "@/lib/auth/schema-access";
import { route } from "@/lib/http/route";

export const DELETE = route({ role: "admin", params: userTokenParams }, async ({ user, params }) =>
  revokeApiToken(user, params.id, params.tokenId),
);
