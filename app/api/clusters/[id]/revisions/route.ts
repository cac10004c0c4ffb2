import { listRevisions, saveRevision } from "@/lib/clusters";
import { saveRevisionSchema } from "@/lib/clusters/schema";
import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => listRevisions(params.id));

export const POST = route({ role: "operator", params: idParams, body: saveRevisionSchema }, async ({ user, body, params }) =>
  saveRevision(user, params.id, body),
);
