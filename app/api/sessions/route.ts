import { currentSessionId } from "@/lib/auth/session";
import { listSessions, revokeOtherSessions } from "@/lib/auth/user-sessions";
import { route } from "@/lib/http/route";

// Through a token there is no "this browser": the cookie is not even read.
const askingSession = (via: unknown) => (via ? null : currentSessionId());

/** The caller's live sessions; `current` marks this browser's. */
export const GET = route({ role: "viewer" }, async ({ user }) => listSessions(user.id, await askingSession(user.via)));

/** Signs out every other browser: `{ ended }` sessions. */
export const DELETE = route({ role: "viewer" }, async ({ user }) => ({
  ended: await revokeOtherSessions(user, await askingSession(user.via)),
}));
