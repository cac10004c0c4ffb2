import type { listUsers } from "@/lib/auth/accounts";
import type { Role } from "@/lib/auth/roles";
import type { LoginInput, PreferencesInput, SetupInput, UserCreateInput } from "@/lib/auth/schema";
import { api, type Serialized } from "../api";

// The auth API as the browser calls it: sign-in, the first admin, sign-out, and the users an admin manages.

export type UserRow = Serialized<Awaited<ReturnType<typeof listUsers>>[number]>;

export const authKeys = { users: ["users"] as const };

export const signIn = (input: LoginInput) => api("/api/auth/login", { method: "POST", body: input });
export const setUp = (input: SetupInput) => api("/api/auth/setup", { method: "POST", body: input });
/** redirectTo: the identity provider's sign-out, for a user who signed in through it. */
export const signOut = () => api<{ redirectTo: string | null }>("/api/auth/logout", { method: "POST" });
export const savePreferences = (input: PreferencesInput) => api("/api/auth/me", { method: "PATCH", body: input });

export const fetchUsers = () => api<UserRow[]>("/api/users");
export const createUser = (input: UserCreateInput) => api("/api/users", { method: "POST", body: input });
export const updateUser = ({ id, ...change }: { id: string; role?: Role; disabled?: boolean }) =>
  api(`/api/users/${id}`, { method: "PATCH", body: change });
