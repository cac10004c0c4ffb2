import type { ApiTokenView } from "@/lib/auth/api-tokens";
import type { ApiTokenCreateInput, PasswordChangeInput, PasswordResetInput } from "@/lib/auth/schema-access";
import type { listSessions } from "@/lib/auth/user-sessions";
import { api, type Serialized } from "../api";

// The Account page's API as the browser calls it: one's tokens, sessions and password; an admin's password reset.

export type TokenRow = Serialized<ApiTokenView>;
export type SessionRow = Serialized<Awaited<ReturnType<typeof listSessions>>[number]>;

export const accessKeys = { tokens: ["tokens"] as const, sessions: ["sessions"] as const };

export const fetchTokens = () => api<TokenRow[]>("/api/tokens");
export const createToken = (input: ApiTokenCreateInput) =>
  api<{ token: TokenRow; secret: string }>("/api/tokens", { method: "POST", body: input });
export const revokeToken = (id: string) => api<TokenRow>(`/api/tokens/${id}`, { method: "DELETE" });

export const fetchSessions = () => api<SessionRow[]>("/api/sessions");
export const revokeSession = (id: string) => api(`/api/sessions/${id}`, { method: "DELETE" });
export const revokeOtherSessions = () => api<{ ended: number }>("/api/sessions", { method: "DELETE" });

export const changePassword = (input: PasswordChangeInput) => api("/api/account/password", { method: "POST", body: input });
export const resetPassword = ({ id, ...input }: PasswordResetInput & { id: string }) =>
  api(`/api/users/${id}/password`, { method: "POST", body: input });
