import { consoleRocketmq } from "@/lib/console/client";
import { resetOffset } from "@/lib/console/reset-offset";
import { groupParams, resetOffsetSchema } from "@/lib/console/schema";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Resets the group's offsets on the topic: pushed to its online clients, else committed for the next one to start from. */
export const POST = route({ role: "operator", params: groupParams, body: resetOffsetSchema }, async ({ user, params, body }) =>
  resetOffset(consoleRocketmq(), user, params.id, params.group, body),
);
