import { createUser, listUsers } from "@/lib/auth";
import { userCreateSchema } from "@/lib/auth/schema";
import { route } from "@/lib/http/route";

export const GET = route({ role: "admin" }, async () => listUsers());

export const POST = route({ role: "admin", body: userCreateSchema }, async ({ user, body }) => createUser(user, body));
