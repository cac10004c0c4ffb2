import { consoleRocketmq } from "@/lib/console/client";
import { listTopics } from "@/lib/console/index";
import { topicCreateSchema, topicListQuery } from "@/lib/console/schema";
import { createTopic } from "@/lib/console/topics";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";
import { requireCluster } from "@/lib/topology";

export const dynamic = "force-dynamic";

/** A page of the cluster's topics from its index (`?type&q&sort&order&page&pageSize`), with the index's freshness. */
export const GET = route({ role: "viewer", params: idParams, query: topicListQuery }, async ({ params, query }) => {
  await requireCluster(params.id);
  return listTopics(params.id, query);
});

/** Creates the topic on the chosen groups' leaders (default every group), then checks the NameServers route it. */
export const POST = route({ role: "operator", params: idParams, body: topicCreateSchema }, async ({ user, params, body }) =>
  createTopic(consoleRocketmq(), user, params.id, body),
);
