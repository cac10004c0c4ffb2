import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { previewOperation } from "@/lib/operations";
import { operationRequestSchema } from "@/lib/operations/schema";

/** The plan of an operation for its confirmation dialog. Creates nothing. */
export const POST = route({ role: "operator", params: idParams, body: operationRequestSchema }, async ({ params, body }) =>
  previewOperation(params.id, body),
);
