import { createUpgradeRevision, upgradeClusterSchema } from "@/lib/clusters";
import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";

/** "Upgrade to 4.9.7" on a version finding: the deployed design on the new release, as the next desired revision. */
export const POST = route({ role: "operator", params: idParams, body: upgradeClusterSchema }, async ({ user, body, params }) =>
  createUpgradeRevision(user, params.id, body.version, body.note),
);
