import { z } from "zod";
import { route } from "@/lib/http/route";
import { idParams } from "@/lib/schema";
import { recentEvents, requireCluster } from "@/lib/topology";

export const dynamic = "force-dynamic";

const query = z.object({ limit: z.coerce.number().int().min(1).max(1000).catch(200) });

/** The newest topology events (leader changes, terms, nodes and NameServers down/up), oldest first. */
export const GET = route({ role: "viewer", params: idParams, query }, async ({ params, query }) => {
  await requireCluster(params.id);
  return recentEvents(params.id, query.limit);
});
