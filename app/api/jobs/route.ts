import { z } from "zod";
import { createDeployJob } from "@/lib/deploy";
import { deployRequestSchema } from "@/lib/deploy/schema";
import { says } from "@/lib/i18n/schema";
import { idSchema } from "@/lib/schema";
import { createdJobResponse, jobListResponse } from "@/lib/http/openapi-responses";
import { route } from "@/lib/http/route";
import { listJobs } from "@/lib/jobs";

const query = z.object({ clusterId: idSchema.optional() });

export const GET = route({ role: "viewer", query, response: jobListResponse }, async ({ query }) =>
  listJobs({ clusterId: query.clusterId }),
);

const createJobSchema = deployRequestSchema.extend({ kind: z.literal("deploy", says("validation.deploy.onlyDeployJobs")) });

export const POST = route({ role: "operator", body: createJobSchema, response: createdJobResponse }, async ({ user, body }) => {
  const { kind: _kind, ...request } = body;
  return createDeployJob(user, request);
});
