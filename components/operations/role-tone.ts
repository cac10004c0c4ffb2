import type { PlannedRole } from "@/lib/operations/schema";

/** How a node's role reads in a plan: the leader stands out, a node that is down or unsettled warns. */
export const ROLE_TONE: Record<PlannedRole, "info" | "neutral" | "bad" | "warn"> = {
  leader: "info",
  follower: "neutral",
  candidate: "warn",
  down: "bad",
  unknown: "warn",
  namesrv: "neutral",
};
