import { loadDraft, saveDraft } from "@/lib/clusters";
import { saveDraftSchema } from "@/lib/clusters/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer" }, async ({ params }) => loadDraft(params.id));

export const PUT = route({ role: "operator", body: saveDraftSchema }, async ({ body, params }) => {
  await saveDraft(params.id, body);
  return loadDraft(params.id);
});
