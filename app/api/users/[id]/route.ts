import { updateUser } from "@/lib/auth";
import { userUpdateSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

export const PATCH = route({ role: "admin", body: userUpdateSchema }, async ({ user, body, params }) => updateUser(user, params.id, body));
