import { z } from "zod";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";
import { readSamples, requireCluster } from "@/lib/topology";
import { nodeKeySchema } from "@/lib/topology/schema";

export const dynamic = "force-dynamic";

const query = z.object({ node: nodeKeySchema });

/** One node's runtime samples (put/get TPS, disk ratio) of the last hour, oldest first: `?node=RaftNode00/n0`. */
export const GET = route({ role: "viewer", params: idParams, query }, async ({ params, query }) => {
  await requireCluster(params.id);
  return readSamples(params.id, query.node);
});
