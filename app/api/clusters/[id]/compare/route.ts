import { compareRevisions } from "@/lib/clusters";
import { revisionNumberSchema } from "@/lib/clusters/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer" }, async ({ request, params }) => {
  const from = request.nextUrl.searchParams.get("from");
  const to = revisionNumberSchema.parse(request.nextUrl.searchParams.get("to"));
  return compareRevisions(params.id, from ? revisionNumberSchema.parse(from) : null, to);
});
