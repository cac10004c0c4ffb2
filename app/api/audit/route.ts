import { listAuditEvents } from "@/lib/audit";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";

export const GET = route({ role: "viewer" }, async () => listAuditEvents(db));
