import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { deleteDatacenter, updateDatacenter } from "@/lib/inventory/datacenters";
import { datacenterSchema } from "@/lib/inventory/schema";

export const PUT = route({ role: "admin", params: idParams, body: datacenterSchema }, async ({ user, body, params }) =>
  updateDatacenter(user, params.id, body),
);

export const DELETE = route({ role: "admin", params: idParams }, async ({ user, params }) => {
  await deleteDatacenter(user, params.id);
  return { ok: true };
});
