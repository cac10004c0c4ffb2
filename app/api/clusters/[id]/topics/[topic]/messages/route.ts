import { consoleRocketmq } from "@/lib/console/client";
import { queryMessages, sendTestMessage } from "@/lib/console/messages";
import { messageQuery, sendMessageSchema, topicParams } from "@/lib/console/schema";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** `?key=` finds messages by key; else `?from&to&cursor&limit` pages a time range (default the last hour), newest first. */
export const GET = route({ role: "viewer", params: topicParams, query: messageQuery }, async ({ params, query }) =>
  queryMessages(consoleRocketmq(), params.id, params.topic, query),
);

/** Sends a test message to the topic and says where it landed. */
export const POST = route({ role: "operator", params: topicParams, body: sendMessageSchema }, async ({ user, params, body }) =>
  sendTestMessage(consoleRocketmq(), user, params.id, params.topic, body),
);
