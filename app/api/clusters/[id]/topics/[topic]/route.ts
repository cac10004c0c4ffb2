import { consoleRocketmq } from "@/lib/console/client";
import { topicParams, topicUpdateSchema } from "@/lib/console/schema";
import { deleteTopic, topicDetail, updateTopic } from "@/lib/console/topics";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The topic's route, queue offsets, consumer groups and put TPS, read from the NameServers and each group's leader now. */
export const GET = route({ role: "viewer", params: topicParams }, async ({ params }) =>
  topicDetail(consoleRocketmq(), params.id, params.topic),
);

/** Changes queue numbers, perm or order flag on the chosen groups' leaders (default every group), then checks the route. */
export const PUT = route({ role: "operator", params: topicParams, body: topicUpdateSchema }, async ({ user, params, body }) =>
  updateTopic(consoleRocketmq(), user, params.id, params.topic, body),
);

/** Deletes the topic on every group's leader and every NameServer. */
export const DELETE = route({ role: "admin", params: topicParams }, async ({ user, params }) =>
  deleteTopic(consoleRocketmq(), user, params.id, params.topic),
);
