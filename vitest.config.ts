import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects, so `npm test` can run them side by side: "unit" needs only PostgreSQL; "lab" (`*.lab.test.ts`,
// `*.jvm.test.ts`) also needs the SSH host lab and starts RocketMQ JVMs, one file at a time.
const LAB_TESTS = ["lib/**/*.lab.test.ts", "lib/**/*.jvm.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside a React Server Components bundle; tests run the server code directly.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    setupFiles: ["lib/testing/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        // A fresh, migrated PostgreSQL database per run.
        test: { name: "unit", include: ["lib/**/*.test.ts"], exclude: LAB_TESTS, globalSetup: ["lib/testing/global-setup.ts"] },
      },
      {
        extends: true,
        test: {
          name: "lab",
          include: LAB_TESTS,
          globalSetup: ["lib/testing/global-setup.ts", "lib/testing/lab/vitest-setup.ts"],
          // The JVM files share two cores and the lab's hosts: one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
