import { rm, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_HOSTS, LEASES_DIR, NO_JAVA_HOST } from "./config";
import type { LabHost } from "./hosts";
import { checkPrerequisites, create, inspect, teardown, toLabHosts } from "./lifecycle";
import { type LabState, liveLeases, readState, withLabLock } from "./state";

// Test runs share one lab (engineers share a checkout and may run vitest at the same time).
// Each run holds a lease (a file named by its pid); a lab a test run created is torn down by the
// last run to leave, and a lab someone brought up by hand is never torn down by tests.

/** The lab tests get when none is up: the default size, one host without Java. */
const TEST_LAB = { hosts: DEFAULT_HOSTS, noJava: [NO_JAVA_HOST] };

export async function acquireTestLab(): Promise<LabHost[]> {
  await checkPrerequisites();
  return withLabLock(async () => {
    const { state, problems } = await inspect();
    const healthy = state !== null && problems.length === 0;
    let hosts: LabHost[];
    if (healthy && fitsTests(state)) {
      hosts = toLabHosts(state);
    } else if (healthy && state.owner === "cli") {
      throw new Error(
        `A lab brought up by hand is running, but tests need ${DEFAULT_HOSTS} hosts, one of them without Java: ` +
          `run \`npm run lab -- up --hosts ${DEFAULT_HOSTS} --no-java ${NO_JAVA_HOST}\` or \`npm run lab -- down\`.`,
      );
    } else {
      const others = await liveLeases();
      if (others.length > 0) {
        throw new Error(`The lab is unhealthy (${problems.join("; ")}) while test runs ${others.join(", ")} use it.`);
      }
      await teardown();
      hosts = await create(TEST_LAB.hosts, TEST_LAB.noJava, "vitest");
    }
    await mkdir(LEASES_DIR, { recursive: true });
    await writeFile(path.join(LEASES_DIR, String(process.pid)), "");
    return hosts;
  });
}

export async function releaseTestLab(): Promise<void> {
  await withLabLock(async () => {
    await rm(path.join(LEASES_DIR, String(process.pid)), { force: true });
    const state = await readState();
    if (state?.owner === "vitest" && (await liveLeases()).length === 0) await teardown();
  });
}

function fitsTests(state: LabState): boolean {
  const withJava = state.hosts.filter((h) => h.java).length;
  return state.hosts.length >= TEST_LAB.hosts && withJava >= 2 && withJava < state.hosts.length;
}
