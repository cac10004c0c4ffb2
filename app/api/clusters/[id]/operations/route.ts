import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { createOperationJob } from "@/lib/operations";
import { operationRequestSchema } from "@/lib/operations/schema";

/** Restart, stop or start a node, roll a group or the cluster, or apply a revision: creates the job. */
export const POST = route({ role: "operator", params: idParams, body: operationRequestSchema }, async ({ user, params, body }) =>
  createOperationJob(user, params.id, body),
);
