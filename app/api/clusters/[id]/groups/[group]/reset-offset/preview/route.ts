import { consoleRocketmq } from "@/lib/console/client";
import { previewResetOffset } from "@/lib/console/reset-offset";
import { groupParams, resetOffsetSchema } from "@/lib/console/schema";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Per queue the current and the new offset and the lag before and after, and whether a client is online; changes nothing. */
export const POST = route({ role: "operator", params: groupParams, body: resetOffsetSchema }, async ({ params, body }) =>
  previewResetOffset(consoleRocketmq(), params.id, params.group, body),
);
