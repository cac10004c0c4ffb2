import { readLag } from "@/lib/console/index";
import { groupParams } from "@/lib/console/schema";
import { route } from "@/lib/http/route";
import { requireCluster } from "@/lib/topology";

export const dynamic = "force-dynamic";

/** The group's total lag at each index refresh of the last hour, oldest first (LagPoint[]). */
export const GET = route({ role: "viewer", params: groupParams }, async ({ params }) => {
  await requireCluster(params.id);
  return readLag(params.id, params.group);
});
