import { createClusterFromImport } from "@/lib/clusters";
import { importClustersSchema } from "@/lib/clusters/schema";
import { route } from "@/lib/http/route";

// The body carries whole broker conf files (a few KB each in practice; the schema caps each at 256 KB).
export const POST = route({ role: "operator", body: importClustersSchema, maxBodyBytes: 8 * 1024 * 1024 }, async ({ user, body }) =>
  createClusterFromImport(user, body),
);
