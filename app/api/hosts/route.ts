import { route } from "@/lib/http/route";
import { createHost, listHosts } from "@/lib/inventory/hosts";
import { hostSchema } from "@/lib/inventory/schema";

export const GET = route({ role: "viewer" }, async () => listHosts());

export const POST = route({ role: "admin", body: hostSchema }, async ({ user, body }) => createHost(user, body));
