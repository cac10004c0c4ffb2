import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";

export const ROUTER_STATE_HEADER = "next-router-state-tree";

/**
 * Whether Next would fail on this Next-Router-State-Tree header. Next parses it before any app code runs (proxy.ts
 * never sees flight headers) and answers 500 when it cannot, so the panel's server refuses it first with a 400.
 * Next's own parser, so the two never disagree about what is valid.
 */
export function isMalformedRouterState(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  try {
    parseAndValidateFlightRouterState(header);
    return false;
  } catch {
    return true;
  }
}
