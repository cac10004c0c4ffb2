import fs from "node:fs";
import type { LabHost } from "../../lib/testing/lab/hosts";

/** The lab hosts global setup brought up for this run. */
export function labHosts(): LabHost[] {
  const file = process.env.RMQ_PANEL_E2E_LAB;
  if (!file) throw new Error("RMQ_PANEL_E2E_LAB is not set: run the specs through `npx playwright test`.");
  return JSON.parse(fs.readFileSync(file, "utf8")) as LabHost[];
}

export const withJava = () => labHosts().filter((h) => h.java);
export const withoutJava = () => labHosts().find((h) => !h.java)!;
