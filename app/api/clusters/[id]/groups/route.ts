import { consoleRocketmq } from "@/lib/console/client";
import { createGroup } from "@/lib/console/groups";
import { listGroups } from "@/lib/console/index";
import { groupCreateSchema, groupListQuery } from "@/lib/console/schema";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";
import { requireCluster } from "@/lib/topology";

export const dynamic = "force-dynamic";

/** A page of the cluster's consumer groups from its index (`?filter&q&sort&order&page&pageSize`), with the index's freshness. */
export const GET = route({ role: "viewer", params: idParams, query: groupListQuery }, async ({ params, query }) => {
  await requireCluster(params.id);
  return listGroups(params.id, query);
});

/** Creates the subscription group on the chosen groups' leaders (default every group). */
export const POST = route({ role: "operator", params: idParams, body: groupCreateSchema }, async ({ user, params, body }) =>
  createGroup(consoleRocketmq(), user, params.id, body),
);
