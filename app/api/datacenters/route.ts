import { route } from "@/lib/http/route";
import { createDatacenter, listDatacenters } from "@/lib/inventory/datacenters";
import { datacenterSchema } from "@/lib/inventory/schema";

export const GET = route({ role: "viewer" }, async () => listDatacenters());

export const POST = route({ role: "admin", body: datacenterSchema }, async ({ user, body }) => createDatacenter(user, body));
