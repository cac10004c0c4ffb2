import { loadDraft, saveDraft } from "@/lib/clusters";
import { saveDraftSchema } from "@/lib/clusters/schema";
import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => loadDraft(params.id));

// A draft carries every host, group and node of the design: more than a form, far less than this.
export const PUT = route(
  { role: "operator", params: idParams, body: saveDraftSchema, maxBodyBytes: 4 * 1024 * 1024 },
  async ({ body, params }) => {
    await saveDraft(params.id, body);
    return loadDraft(params.id);
  },
);
