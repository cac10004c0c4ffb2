import type { TestProject } from "vitest/node";
import type { LabHost } from "./hosts";
import { acquireTestLab, releaseTestLab } from "./test-lease";

declare module "vitest" {
  export interface ProvidedContext {
    /** The SSH host lab: `inject("labHosts")`. Hosts without Java have `java: false`. */
    labHosts: LabHost[];
  }
}

/** Brings the SSH host lab up once per test run (or reuses a running one) and hands its hosts to tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const hosts = await acquireTestLab();
  project.provide("labHosts", hosts);
  return releaseTestLab;
}
