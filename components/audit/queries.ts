import type { listAuditEvents } from "@/lib/audit";
import { api, type Serialized } from "../api";

// The audit trail as the browser reads it.

export type AuditRow = Serialized<Awaited<ReturnType<typeof listAuditEvents>>[number]>;

export const auditKeys = { events: ["audit"] as const };

export const fetchAuditEvents = () => api<AuditRow[]>("/api/audit");
