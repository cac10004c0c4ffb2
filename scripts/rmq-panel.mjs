#!/usr/bin/env node
// The rmq-panel command (package.json "bin"): the TypeScript CLI in scripts/cli, run through tsx (a dependency).
import { register } from "tsx/esm/api";

register();
await import("./cli/main.ts");
