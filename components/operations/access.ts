import { hasRole, type Role } from "@/lib/auth/roles";

/** What the signed-in user may do with node operations; null (no buttons at all) for viewers. */
export interface OperationAccess {
  clusterId: string;
  /** Only admins may go on with an operation that would leave a group without its majority. */
  canForce: boolean;
  /** Only admins may delete a decommissioned group's store instead of keeping it on disk. */
  canDeleteData: boolean;
}

/** Decided on the server page from the session's role, so the browser never reasons about roles itself. */
export function operationAccess(role: Role, clusterId: string): OperationAccess | null {
  if (!hasRole(role, "operator")) return null;
  const admin = hasRole(role, "admin");
  return { clusterId, canForce: admin, canDeleteData: admin };
}
