import { listRevisions, saveRevision } from "@/lib/clusters";
import { saveRevisionSchema } from "@/lib/clusters/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer" }, async ({ params }) => listRevisions(params.id));

export const POST = route({ role: "operator", body: saveRevisionSchema }, async ({ user, body, params }) => saveRevision(user, params.id, body));
