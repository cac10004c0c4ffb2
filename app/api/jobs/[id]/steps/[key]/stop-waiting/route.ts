import { route } from "@/lib/http/route";
import { stepParams, stopWaiting } from "@/lib/operations/stop-waiting";

/** Ends a decommission's drain wait now: the step goes on to stop the group, naming who stopped waiting. */
export const POST = route({ role: "operator", params: stepParams }, async ({ user, params }) => {
  await stopWaiting(user, params.id, params.key);
  return { ok: true };
});
