import "server-only";
import { redirect } from "next/navigation";
import { hasRole, type Role } from "./roles";
import { currentUser, type SessionUser } from "./session";

/** For pages: the signed-in user, or a redirect to sign-in (or to /forbidden when the role is too low). */
export async function requireUser(atLeast: Role = "viewer"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, atLeast)) redirect(`/forbidden?needs=${atLeast}`);
  return user;
}
