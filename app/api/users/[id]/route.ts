import { updateUser } from "@/lib/auth";
import { userUpdateSchema } from "@/lib/auth/schema";
import { idParams } from "@/lib/schema";
import { route } from "@/lib/http/route";

export const PATCH = route({ role: "admin", params: idParams, body: userUpdateSchema }, async ({ user, body, params }) =>
  updateUser(user, params.id, body),
);
