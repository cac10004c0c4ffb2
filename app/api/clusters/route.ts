import { createCluster, listClusters } from "@/lib/clusters";
import { createClusterSchema } from "@/lib/clusters/schema";
import { clusterListResponse } from "@/lib/http/openapi-responses";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer", response: clusterListResponse }, async () => listClusters());

export const POST = route({ role: "operator", body: createClusterSchema }, async ({ user, body }) => createCluster(user, body));
