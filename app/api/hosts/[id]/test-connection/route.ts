import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { testConnection } from "@/lib/inventory/connection";
import { testConnectionSchema } from "@/lib/inventory/schema";

export const POST = route({ role: "operator", params: idParams, body: testConnectionSchema }, async ({ user, body, params }) =>
  testConnection(user, params.id, body),
);
