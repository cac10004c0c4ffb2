import { listApiTokens } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";

export const GET = route({ role: "admin", params: idParams }, async ({ params }) => listApiTokens(params.id));
