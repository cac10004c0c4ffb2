import { getRevision } from "@/lib/clusters";
import { revisionParams } from "@/lib/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer", params: revisionParams }, async ({ params }) => getRevision(params.id, params.number));
