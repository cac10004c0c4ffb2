import { getRevision } from "@/lib/clusters";
import { revisionNumberSchema } from "@/lib/clusters/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer" }, async ({ params }) => getRevision(params.id, revisionNumberSchema.parse(params.number)));
