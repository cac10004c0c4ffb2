import { route } from "@/lib/http/route";
import { createCredential, listCredentials } from "@/lib/inventory/credentials";
import { credentialSchema } from "@/lib/inventory/schema";

export const GET = route({ role: "admin" }, async () => listCredentials());

export const POST = route({ role: "admin", body: credentialSchema }, async ({ user, body }) => createCredential(user, body));
