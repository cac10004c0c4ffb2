// Runs `prisma generate` without the native schema engine, which cannot be downloaded on these machines:
// generate does not use it, but the CLI insists the file exists (DESIGN.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const anyExistingFile = fileURLToPath(import.meta.url);
const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? anyExistingFile },
});
process.exit(result.status ?? 1);
