import path from "node:path";

// Everything the panel writes locally (embedded Postgres, generated secrets) lives under one ignored folder.
export function dataDir(): string {
  return path.resolve(process.env.RMQ_PANEL_DATA_DIR ?? ".data");
}
