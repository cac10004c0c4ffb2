import { route } from "@/lib/http/route";
import { attachCluster } from "@/lib/topology";
import { attachClusterSchema } from "@/lib/topology/schema";

export const runtime = "nodejs";

/** Attaches a running cluster by its NameServer addresses; the answer lists the groups and nodes found. */
export const POST = route({ role: "operator", body: attachClusterSchema }, async ({ user, body }) => attachCluster(user, body));
