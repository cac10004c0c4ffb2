import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside a React Server Components bundle; tests run the server code directly.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts"],
    // Each setup brings up one real dependency once per run: a fresh Postgres database, the SSH host lab.
    globalSetup: ["lib/testing/global-setup.ts", "lib/testing/lab/vitest-setup.ts"],
    setupFiles: ["lib/testing/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
