import { z } from "zod";
import { createDeployJob } from "@/lib/deploy";
import { deployRequestSchema } from "@/lib/deploy/schema";
import { route } from "@/lib/http/route";
import { listJobs } from "@/lib/jobs";

export const GET = route({ role: "viewer" }, async ({ request }) => {
  const clusterId = request.nextUrl.searchParams.get("clusterId") ?? undefined;
  return listJobs({ clusterId });
});

const createJobSchema = deployRequestSchema.extend({ kind: z.literal("deploy", "Only deploy jobs can be created here.") });

export const POST = route({ role: "operator", body: createJobSchema }, async ({ user, body }) => {
  const { kind: _kind, ...request } = body;
  return createDeployJob(user, request);
});
