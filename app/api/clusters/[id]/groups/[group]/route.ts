import { consoleRocketmq } from "@/lib/console/client";
import { deleteGroup, groupDetail, updateGroup } from "@/lib/console/groups";
import { groupParams, groupUpdateSchema } from "@/lib/console/schema";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Per queue broker offset, consumer offset, lag and holder; the group's clients and settings, read from each leader now. */
export const GET = route({ role: "viewer", params: groupParams }, async ({ params }) =>
  groupDetail(consoleRocketmq(), params.id, params.group),
);

/** Changes the group's settings on the chosen groups' leaders (default every group), keeping what the panel does not show. */
export const PUT = route({ role: "operator", params: groupParams, body: groupUpdateSchema }, async ({ user, params, body }) =>
  updateGroup(consoleRocketmq(), user, params.id, params.group, body),
);

/** Deletes the group's subscription config and offsets on every leader; refused while clients are connected. */
export const DELETE = route({ role: "admin", params: groupParams }, async ({ user, params }) =>
  deleteGroup(consoleRocketmq(), user, params.id, params.group),
);
