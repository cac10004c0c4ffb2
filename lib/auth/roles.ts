import type { Role } from "../db/generated/enums";

export type { Role };

export const ROLES = ["admin", "operator", "viewer"] as const satisfies readonly Role[];

// admin ⊃ operator ⊃ viewer: a route that needs an operator also admits an admin.
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

/** The weaker of two roles: what a token may do is the lower of its own role and its owner's current one. */
export const lowerRole = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);
