import type { HostFacts } from "./facts-schema";

/** What "Test connection" answers; shared by the route and the host page. */
export type ConnectionResult =
  | { status: "needs_trust"; fingerprint: string }
  | { status: "ok"; fingerprint: string; facts: HostFacts; elapsedMs: number };
