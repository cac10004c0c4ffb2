import { z } from "zod";
import { route } from "@/lib/http/route";
import { recentEvents, requireCluster } from "@/lib/topology";

export const dynamic = "force-dynamic";

const limitSchema = z.coerce.number().int().min(1).max(1000).catch(200);

/** The newest topology events (leader changes, terms, nodes and NameServers down/up), oldest first. */
export const GET = route({ role: "viewer" }, async ({ request, params }) => {
  await requireCluster(params.id);
  return recentEvents(params.id, limitSchema.parse(request.nextUrl.searchParams.get("limit") ?? undefined));
});
