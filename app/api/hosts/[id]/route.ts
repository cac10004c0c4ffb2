import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";
import { deleteHost, getHost, updateHost } from "@/lib/inventory/hosts";
import { hostSchema } from "@/lib/inventory/schema";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => getHost(params.id));

export const PUT = route({ role: "admin", params: idParams, body: hostSchema }, async ({ user, body, params }) =>
  updateHost(user, params.id, body),
);

export const DELETE = route({ role: "admin", params: idParams }, async ({ user, params }) => {
  await deleteHost(user, params.id);
  return { ok: true };
});
