import { hasRole, type Role } from "@/lib/auth/roles";

/** What the signed-in user may do in the console; decided on the server page, so the browser never reasons about roles. */
export interface ConsoleAccess {
  /** Operators and admins: create, edit, send, reset, resend; they also see message bodies. */
  canWrite: boolean;
  /** Admins: delete topics and consumer groups. */
  canDelete: boolean;
}

export const consoleAccess = (role: Role): ConsoleAccess => ({ canWrite: hasRole(role, "operator"), canDelete: hasRole(role, "admin") });
