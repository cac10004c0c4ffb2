import { z } from "zod";
import { compareRevisions } from "@/lib/clusters";
import { idParams, revisionNumberText } from "@/lib/schema";
import { route } from "@/lib/http/route";

const query = z.object({ from: revisionNumberText.optional(), to: revisionNumberText });

export const GET = route({ role: "viewer", params: idParams, query }, async ({ params, query }) =>
  compareRevisions(params.id, query.from ?? null, query.to),
);
