import { createClusterFromImport } from "@/lib/clusters";
import { importClustersSchema } from "@/lib/clusters/schema";
import { route } from "@/lib/http/route";

export const POST = route({ role: "operator", body: importClustersSchema }, async ({ user, body }) => createClusterFromImport(user, body));
