import { previewDeploy } from "@/lib/deploy";
import { deployRequestSchema } from "@/lib/deploy/schema";
import { route } from "@/lib/http/route";

/** The deploy plan for review: what happens on which host. Creates nothing. */
export const POST = route({ role: "operator", body: deployRequestSchema }, async ({ body }) => previewDeploy(body));
