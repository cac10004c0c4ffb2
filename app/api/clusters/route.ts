import { createCluster, listClusters } from "@/lib/clusters";
import { createClusterSchema } from "@/lib/clusters/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer" }, async () => listClusters());

export const POST = route({ role: "operator", body: createClusterSchema }, async ({ user, body }) => createCluster(user, body));
