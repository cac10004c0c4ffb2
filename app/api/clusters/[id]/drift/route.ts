import { route } from "@/lib/http/route";
import { checkDriftNow, lastDrift } from "@/lib/nodes/drift/requests";
import { idParams } from "@/lib/schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The last drift check: `{"drift": … | null}` (null before the first). 404 unknown cluster, 422 not deployed. */
export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => ({ drift: await lastDrift(params.id) }));

/** Reads every host now (about 10 s at most) and answers the new check. */
export const POST = route({ role: "operator", params: idParams }, async ({ params }) => ({ drift: await checkDriftNow(params.id) }));
