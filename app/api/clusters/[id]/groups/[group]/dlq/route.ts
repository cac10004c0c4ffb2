import { consoleRocketmq } from "@/lib/console/client";
import { listDeadLetters } from "@/lib/console/dead-letters";
import { groupParams, messageQuery } from "@/lib/console/schema";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The group's dead-letter queue (%DLQ%<group>), newest first: `?from&to&cursor&limit`, or `?key=`. */
export const GET = route({ role: "viewer", params: groupParams, query: messageQuery }, async ({ params, query }) =>
  listDeadLetters(consoleRocketmq(), params.id, params.group, query),
);
