import { route } from "@/lib/http/route";
import { readSamples, requireCluster } from "@/lib/topology";
import { nodeKeySchema } from "@/lib/topology/schema";

export const dynamic = "force-dynamic";

/** One node's runtime samples (put/get TPS, disk ratio) of the last hour, oldest first: `?node=RaftNode00/n0`. */
export const GET = route({ role: "viewer" }, async ({ request, params }) => {
  const node = nodeKeySchema.parse(request.nextUrl.searchParams.get("node"));
  await requireCluster(params.id);
  return readSamples(params.id, node);
});
